import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Bot } from '../../core/create-bot.ts';
import { InputError } from '../../core/contracts/errors/input-error.ts';
import { orderedIntent } from '../../core/dialogue/knowledge-or-action.ts';
import { splitRequests } from '../../core/dialogue/split-requests.ts';

const commandSchema = z.object({ command: z.string().min(1), args: z.record(z.string(), z.unknown()) });
const singleLine = z
  .object({
    text: z.string().min(1),
    /** null: an out-of-scope line, which the bot should not act on as any intent. */
    intent: z.string().min(1).nullable(),
    command: z.string().min(1).optional(),
    args: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((line) => line.intent !== null || line.command === undefined, {
    message: 'an out-of-scope line (intent null) cannot expect a command',
    path: ['command'],
  });
const conversationLine = z.object({ turns: z.array(z.string().min(1)).min(1), commands: z.array(commandSchema) });
/** A message with several requests and the intent of each, in order (null: a request no intent covers). */
const requestsLine = z.object({ text: z.string().min(1), intents: z.array(z.string().min(1).nullable()).min(1) });

/**
 * One evaluation line: a first turn with its intent (and command), a message with several requests and their
 * intents, or a conversation with its commands.
 */
export type EvalLine = z.infer<typeof singleLine> | z.infer<typeof requestsLine> | z.infer<typeof conversationLine>;

/** A command that ran, with its arguments. */
export interface RanCommand {
  command: string;
  args: Record<string, unknown>;
}

/** The report `parley eval` prints as its last line. Accuracies are fractions in [0, 1]; null when no line applies. */
export interface EvalReport {
  n: number;
  /** Lines with an intent; `intent_accuracy` is over these. */
  intent_n: number;
  intent_accuracy: number | null;
  /** Out-of-scope lines (`"intent": null`); `oos_recall` is the share of them the bot acted on as no intent. */
  oos_n: number;
  oos_recall: number | null;
  command_n: number;
  command_accuracy: number | null;
  task_n: number;
  task_success: number | null;
  /** Lines with `intents` (several requests); `requests_accuracy` is the share read as exactly those requests. */
  requests_n: number;
  requests_accuracy: number | null;
  /** Turns routed by the classifier and by the model (see `--route model`). */
  routes: { classifier: number; model: number };
  misses: Array<Record<string, unknown>>;
}

/** Parses JSON-lines evaluation data; throws `InputError` naming the line for a malformed one. */
export function parseEvalLines(text: string): EvalLine[] {
  return text.split('\n').flatMap((raw, index) => {
    if (!raw.trim()) return [];
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`line ${index + 1}`, `not valid JSON (${(error as Error).message})`);
    }
    const shape = value !== null && typeof value === 'object' ? value : {};
    const parsed = 'turns' in shape ? conversationLine.safeParse(value) : 'intents' in shape ? requestsLine.safeParse(value) : singleLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`line ${index + 1}`, `${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    return [parsed.data];
  });
}

async function play(
  bot: Bot,
  turns: readonly string[],
  routes: EvalReport['routes'],
  locale: string,
): Promise<{ commands: RanCommand[]; replies: string[]; intents: Array<string | null | undefined> }> {
  const conversationId = `eval-${randomUUID()}`;
  const commands: RanCommand[] = [];
  const replies: string[] = [];
  const intents: Array<string | null | undefined> = [];
  for (const text of turns) {
    const pending: RanCommand[] = [];
    const result = await bot.handle({
      id: randomUUID(),
      conversationId,
      user: { id: 'eval', verified: false },
      channel: 'eval',
      text,
      locale,
      timestamp: Date.now(),
    });
    intents.push(result.intent);
    if (result.route) routes[result.route] += 1;
    for (const event of result.events) {
      if (event.type === 'command-start') pending.push({ command: event.name, args: event.args as Record<string, unknown> });
      if (event.type === 'command-end' && event.ok) {
        const started = pending.find((p) => p.command === event.name);
        if (started) commands.push(started);
      }
      if (event.type === 'text-end') replies.push(event.text);
    }
  }
  return { commands, replies, intents };
}

/** Options of {@link evaluateBot}. */
export interface EvaluateBotOptions {
  /** The locale every line's turns carry, as a channel would give it ("und": read from the text). Default: the bot's default locale. */
  locale?: string;
}

const fraction = (hits: number, n: number) => (n === 0 ? null : hits / n);

/**
 * Scores a bot from outside, as a user would talk to it: each line is a fresh conversation. Single lines
 * score the understood intent of the first turn (`"intent": null`: that the bot acted on no intent) (and, with `command`/`args`, that the turn ran exactly that
 * command with exactly those arguments, compared as JSON values); conversation lines succeed when exactly the
 * listed commands ran, in order.
 */
export async function evaluateBot(bot: Bot, lines: readonly EvalLine[], options: EvaluateBotOptions = {}): Promise<EvalReport> {
  const locale = options.locale ?? bot.locales.default;
  const language = bot.languages.get(locale);
  const classifier = language?.classifier ?? bot.classifier;
  const registry = language?.registry ?? bot.registry;
  const report: EvalReport = { n: lines.length, intent_n: 0, intent_accuracy: null, oos_n: 0, oos_recall: null, command_n: 0, command_accuracy: null, task_n: 0, task_success: null, requests_n: 0, requests_accuracy: null, routes: { classifier: 0, model: 0 }, misses: [] };
  let intents = 0;
  let rejected = 0;
  let commandHits = 0;
  let tasks = 0;
  let requestHits = 0;
  for (const line of lines) {
    if ('intents' in line) {
      // The requests as the dialogue reads them: the message split (`splitRequests`), each part classified.
      report.requests_n += 1;
      const parts = splitRequests(line.text, { orderOf: (clause) => orderedIntent(registry, clause) });
      const got = parts.map((part) => {
        const p = classifier.classify(part);
        return p.outOfScope ? null : p.intent;
      });
      const { replies } = await play(bot, [line.text], report.routes, locale);
      if (isDeepStrictEqual(got, line.intents)) requestHits += 1;
      else report.misses.push({ kind: 'requests', text: line.text, expected: line.intents, got: { parts, intents: got }, replies });
      continue;
    }
    if ('turns' in line) {
      report.task_n += 1;
      const { commands, replies } = await play(bot, line.turns, report.routes, locale);
      const expected = line.commands.map((c) => ({ command: c.command, args: c.args }));
      if (isDeepStrictEqual(commands, expected)) tasks += 1;
      else report.misses.push({ kind: 'task', turns: line.turns, expected, got: commands, replies });
      continue;
    }
    const predicted = classifier.classify(line.text);
    const { commands, replies, intents: acted } = await play(bot, [line.text], report.routes, locale);
    const intent = acted[0] === undefined ? predicted.intent : acted[0];
    const intentOk = intent === line.intent;
    if (line.intent === null) {
      report.oos_n += 1;
      if (intentOk) rejected += 1;
    } else {
      report.intent_n += 1;
      if (intentOk) intents += 1;
    }
    const expectsCommand = line.command !== undefined && line.args !== undefined;
    let commandOk = true;
    if (expectsCommand) {
      report.command_n += 1;
      const last = commands.at(-1);
      commandOk = last !== undefined && last.command === line.command && isDeepStrictEqual(last.args, line.args);
      if (commandOk) commandHits += 1;
    }
    if (!intentOk || !commandOk) {
      report.misses.push({
        kind: intentOk ? 'command' : line.intent === null ? 'out_of_scope' : 'intent',
        text: line.text,
        expected: { intent: line.intent, ...(expectsCommand ? { command: line.command, args: line.args } : {}) },
        got: { intent, classifier: predicted.intent, confidence: Number(predicted.confidence.toFixed(3)), commands },
        replies,
      });
    }
  }
  report.intent_accuracy = fraction(intents, report.intent_n);
  report.oos_recall = fraction(rejected, report.oos_n);
  report.command_accuracy = fraction(commandHits, report.command_n);
  report.task_success = fraction(tasks, report.task_n);
  report.requests_accuracy = fraction(requestHits, report.requests_n);
  return report;
}
