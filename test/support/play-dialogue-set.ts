import { readFileSync } from 'node:fs';
import type { Bot } from '../../core/create-bot.ts';
import { sayToBot } from './say-to-bot.ts';

/** One user message of a case and what its reply must and must not say. */
export interface DialogueSetTurn {
  user: string;
  /** Case-insensitive regular expressions that must match the reply, each after the previous one's match. */
  expect: readonly string[];
  /** Case-insensitive regular expressions that must not match the reply. */
  absent?: readonly string[];
}

/** One conversation of `test/fixtures/dialogue-outside-set.json`. */
export interface DialogueSetCase {
  id: string;
  bot: 'acme' | 'library' | 'pizza' | 'waste';
  locale: string;
  kind: 'several' | 'follow-up' | 'knowledge-or-action';
  why: string;
  turns: readonly DialogueSetTurn[];
}

/** What playing a case gave: `failure` names the first turn whose reply broke an expectation. */
export interface DialogueSetOutcome {
  id: string;
  holds: boolean;
  failure?: string;
  replies: string[];
}

/** The frozen set of issue #23's outside check. */
export function readDialogueSet(path = 'test/fixtures/dialogue-outside-set.json'): DialogueSetCase[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: DialogueSetCase[] }).cases;
}

/** Why `reply` breaks `turn`'s expectations, or undefined when it keeps them. */
export function checkReply(turn: DialogueSetTurn, reply: string): string | undefined {
  let rest = reply;
  for (const source of turn.expect) {
    const match = new RegExp(source, 'iu').exec(rest);
    if (!match) return `expected /${source}/ (in order)`;
    rest = rest.slice(match.index + match[0].length);
  }
  const present = (turn.absent ?? []).find((source) => new RegExp(source, 'iu').test(reply));
  return present === undefined ? undefined : `did not expect /${present}/`;
}

/** Plays one case as a fresh conversation of `bot` over its turn handler, stopping at the first broken turn. */
export async function playCase(bot: Pick<Bot, 'handle'>, item: DialogueSetCase, timestamp: number): Promise<DialogueSetOutcome> {
  const say = sayToBot(bot, timestamp);
  const replies: string[] = [];
  for (const [index, turn] of item.turns.entries()) {
    const reply = await say(item.id, turn.user, item.locale);
    replies.push(reply);
    const why = checkReply(turn, reply);
    if (why) return { id: item.id, holds: false, failure: `turn ${index + 1} "${turn.user}": ${why}`, replies };
  }
  return { id: item.id, holds: true, replies };
}
