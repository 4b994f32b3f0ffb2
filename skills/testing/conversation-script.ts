import { AssertionError, deepStrictEqual } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { TurnResult } from '../../core/contracts/turn-result.ts';
import type { ChannelUser } from '../../core/contracts/user-turn.ts';

type Expectation = (turn: ScriptedTurn) => string | undefined;

/** One user line and what came back. */
export interface ScriptedTurn {
  text: string;
  result: TurnResult;
  replies: string[];
  commands: Array<{ name: string; args: unknown; ok: boolean }>;
}

/** Options of {@link scriptConversation}. */
export interface ConversationScriptOptions {
  /** The user. Default `{ id: 'test-user', verified: false }`. */
  user?: ChannelUser;
  /** Conversation id. Default: a new UUID. */
  conversationId?: string;
  channel?: string;
  /** The locale every turn carries, as a channel gives it ("und": the bot reads it from the text). Default "en". */
  locale?: string;
}

function commandsOf(events: readonly BotEvent[]) {
  const started = events.flatMap((e) => (e.type === 'command-start' ? [e] : []));
  return events.flatMap((e) => {
    if (e.type !== 'command-end') return [];
    const start = started.find((s) => s.name === e.name);
    return [{ name: e.name, args: start?.args, ok: e.ok }];
  });
}

/**
 * Scripts a conversation for a test: what the user says and what must come back. Steps run in order when
 * `run()` is awaited; the first unmet expectation throws an `AssertionError` with the transcript so far.
 * `bot` is anything that handles turns (a bot from `createBot`, or a channel's view of one).
 *
 * @example
 * await scriptConversation(bot)
 *   .user('where is my order').expectReply(/order number/i)
 *   .user('12345').expectCommand('get_order_status', { order_id: '12345' })
 *   .run();
 */
export function scriptConversation(bot: Pick<TurnHandler, 'handle'>, options: ConversationScriptOptions = {}) {
  const conversationId = options.conversationId ?? randomUUID();
  const steps: Array<{ text: string; expectations: Array<{ describe: string; check: Expectation }> }> = [];
  const current = () => {
    const step = steps.at(-1);
    if (!step) throw new TypeError('call user(...) before an expectation');
    return step;
  };
  const script = {
    /** The user says `text`. */
    user(text: string) {
      steps.push({ text, expectations: [] });
      return script;
    },
    /** A reply of this turn matches `pattern` (a RegExp, or a string the reply contains). */
    expectReply(pattern: RegExp | string) {
      current().expectations.push({
        describe: `a reply matching ${String(pattern)}`,
        check: (t) =>
          t.replies.some((r) => (typeof pattern === 'string' ? r.includes(pattern) : pattern.test(r)))
            ? undefined
            : `no reply matches ${String(pattern)}`,
      });
      return script;
    },
    /** This turn ran `name` successfully, with exactly `args` when given. */
    expectCommand(name: string, args?: Record<string, unknown>) {
      current().expectations.push({
        describe: `command ${name}`,
        check: (t) => {
          const ran = t.commands.find((c) => c.name === name && c.ok);
          if (!ran) return `command ${name} did not run (ran: ${JSON.stringify(t.commands)})`;
          if (args) {
            try {
              deepStrictEqual(ran.args, args);
            } catch {
              return `command ${name} ran with ${JSON.stringify(ran.args)}, expected ${JSON.stringify(args)}`;
            }
          }
          return undefined;
        },
      });
      return script;
    },
    /** This turn ran no command. */
    expectNoCommand() {
      current().expectations.push({
        describe: 'no command',
        check: (t) => (t.commands.length === 0 ? undefined : `commands ran: ${JSON.stringify(t.commands)}`),
      });
      return script;
    },
    /** This turn offered a suggestion whose title matches. */
    expectSuggestion(title: RegExp | string) {
      current().expectations.push({
        describe: `suggestion ${String(title)}`,
        check: (t) => {
          const titles = t.result.events.flatMap((e) => (e.type === 'suggestions' ? e.suggestions.map((s) => s.title) : []));
          const hit = titles.some((s) => (typeof title === 'string' ? s === title : title.test(s)));
          return hit ? undefined : `no suggestion ${String(title)} among ${JSON.stringify(titles)}`;
        },
      });
      return script;
    },
    /** This turn handed the conversation to a person. */
    expectHandoff() {
      current().expectations.push({
        describe: 'handoff',
        check: (t) => (t.result.events.some((e) => e.type === 'handoff') ? undefined : 'no handoff event'),
      });
      return script;
    },
    /** Plays the script; resolves with every turn, or throws at the first unmet expectation. */
    async run(): Promise<ScriptedTurn[]> {
      const turns: ScriptedTurn[] = [];
      for (const step of steps) {
        const result = await bot.handle({
          id: randomUUID(),
          conversationId,
          user: options.user ?? { id: 'test-user', verified: false },
          channel: options.channel ?? 'test',
          text: step.text,
          locale: options.locale ?? 'en',
          timestamp: Date.now(),
        });
        const turn: ScriptedTurn = {
          text: step.text,
          result,
          replies: result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])),
          commands: commandsOf(result.events),
        };
        turns.push(turn);
        for (const expectation of step.expectations) {
          const problem = expectation.check(turn);
          if (problem) {
            const transcript = turns.map((t) => `user: ${t.text}\n${t.replies.map((r) => `bot: ${r}`).join('\n')}`).join('\n');
            throw new AssertionError({ message: `after "${step.text}": ${problem}\n--- transcript ---\n${transcript}` });
          }
        }
      }
      return turns;
    },
  };
  return script;
}
