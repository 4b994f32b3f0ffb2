import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { ConversationStory, StoryTurn } from './conversation-story.ts';

/** A story that failed: the first turn whose expectations were not met, and what the bot did instead. */
export interface StoryFailure {
  story: string;
  file: string;
  /** 1-based number of the failing turn. */
  turn: number;
  user: string;
  /** Every unmet expectation of that turn. */
  problems: string[];
  replies: string[];
  intent: string | null;
  commands: Array<{ name: string; args: unknown; ok: boolean }>;
}

/** The report `parley test` prints; with `--json` as the last stdout line. */
export interface StoryReport {
  stories_n: number;
  passed: number;
  failed: number;
  /** Passed stories over all stories, in [0, 1]. */
  pass_rate: number;
  turns_n: number;
  duration_ms: number;
  failures: StoryFailure[];
}

/** A `/regex/flags` pattern, else text the reply contains. */
function matcher(pattern: string): (reply: string) => boolean {
  const regex = /^\/(.+)\/([dgimsuvy]*)$/s.exec(pattern);
  if (regex) {
    const compiled = new RegExp(regex[1]!, regex[2]);
    return (reply) => compiled.test(reply);
  }
  return (reply) => reply.includes(pattern);
}

function commandsOf(events: readonly BotEvent[]) {
  const args = new Map<string, unknown>();
  return events.flatMap((e) => {
    if (e.type === 'command-start') args.set(e.name, e.args);
    return e.type === 'command-end' ? [{ name: e.name, args: args.get(e.name), ok: e.ok }] : [];
  });
}

function problemsOf(expected: StoryTurn, intent: string | null, replies: string[], commands: StoryFailure['commands']): string[] {
  const problems: string[] = [];
  if (expected.intent !== undefined && expected.intent !== intent) problems.push(`intent ${JSON.stringify(intent)}, expected ${JSON.stringify(expected.intent)}`);
  const patterns = expected.reply === undefined ? [] : Array.isArray(expected.reply) ? expected.reply : [expected.reply];
  for (const pattern of patterns) {
    if (!replies.some(matcher(pattern))) problems.push(`no reply matches ${JSON.stringify(pattern)}`);
  }
  if (expected.command) {
    const { name, args } = expected.command;
    const ran = commands.find((c) => c.name === name && c.ok);
    if (!ran) problems.push(`command ${name} did not run`);
    else if (args !== undefined && !isDeepStrictEqual(ran.args, args)) problems.push(`command ${name} ran with ${JSON.stringify(ran.args)}, expected ${JSON.stringify(args)}`);
  }
  if (expected.no_command && commands.length > 0) problems.push(`expected no command, ran ${commands.map((c) => c.name).join(', ')}`);
  return problems;
}

async function runStory(bot: Pick<TurnHandler, 'handle'>, story: ConversationStory): Promise<StoryFailure | undefined> {
  const conversationId = `story-${randomUUID()}`;
  for (const [index, expected] of story.turns.entries()) {
    const result = await bot.handle({
      id: randomUUID(),
      conversationId,
      user: { id: 'story-user', verified: false },
      channel: 'test',
      text: expected.user,
      locale: story.locale ?? 'en',
      timestamp: story.now === undefined ? Date.now() : story.now + index * 1000,
    });
    const replies = result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : []));
    const commands = commandsOf(result.events);
    const intent = result.intent ?? null;
    const problems = result.status === 'failed' ? ['the turn failed (see the log)'] : problemsOf(expected, intent, replies, commands);
    if (problems.length > 0) return { story: story.name, file: story.file, turn: index + 1, user: expected.user, problems, replies, intent, commands };
  }
  return undefined;
}

/**
 * Plays each story in a conversation of its own against `bot` and checks every turn: the intent acted on, the
 * replies, the commands and their arguments. A story stops at its first failing turn; the others still run.
 */
export async function runStories(bot: Pick<TurnHandler, 'handle'>, stories: readonly ConversationStory[], now: () => number = performance.now.bind(performance)): Promise<StoryReport> {
  const started = now();
  const failures: StoryFailure[] = [];
  for (const story of stories) {
    const failure = await runStory(bot, story);
    if (failure) failures.push(failure);
  }
  const passed = stories.length - failures.length;
  return {
    stories_n: stories.length,
    passed,
    failed: failures.length,
    pass_rate: stories.length === 0 ? 0 : passed / stories.length,
    turns_n: stories.reduce((n, s) => n + s.turns.length, 0),
    duration_ms: Math.round(now() - started),
    failures,
  };
}
