import type { Card, Suggestion } from '../core/contracts/bot-event.ts';

/** What a skill answers with: plain text, or text with extras. */
export type Reply =
  | string
  | {
      text: string;
      /** Quick replies shown under the message. */
      suggestions?: readonly Suggestion[];
      card?: Card;
      /** What a voice channel says instead of `text` (e.g. without markdown). Default: `text`. */
      speak?: string;
    };

/** A reply in its object form. */
export interface NormalizedReply {
  text: string;
  suggestions: readonly Suggestion[];
  card?: Card;
  speak: string;
}

/** Turns any {@link Reply} into its object form. */
export function normalizeReply(reply: Reply): NormalizedReply {
  if (typeof reply === 'string') return { text: reply, suggestions: [], speak: reply };
  return {
    text: reply.text,
    suggestions: reply.suggestions ?? [],
    ...(reply.card ? { card: reply.card } : {}),
    speak: reply.speak ?? reply.text,
  };
}

/** Builds quick replies whose title is also the text sent back. */
export function suggest(...titles: string[]): Suggestion[] {
  return titles.map((title) => ({ title, value: title }));
}
