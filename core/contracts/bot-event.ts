/** A quick reply offered to the user: `title` is shown, `value` is sent back as the user's text. */
export interface Suggestion {
  title: string;
  value: string;
}

/** A simple rich card: title, body text and buttons. */
export interface Card {
  title: string;
  text?: string;
  buttons?: Suggestion[];
}

/**
 * One event of a bot reply stream. Channels render what their medium can: tokens in the widget,
 * a final message elsewhere, speech for voice.
 */
export type BotEvent =
  | { type: 'text-delta'; messageId: string; delta: string }
  | { type: 'text-end'; messageId: string; text: string }
  | { type: 'speak'; messageId: string; text: string }
  | { type: 'suggestions'; suggestions: Suggestion[] }
  | { type: 'card'; card: Card }
  | { type: 'command-start'; name: string; args: unknown }
  | { type: 'command-end'; name: string; ok: boolean; error?: string }
  | { type: 'handoff'; reason: string }
  | { type: 'error'; code: string; message: string };

/** The names of {@link BotEvent} variants. */
export type BotEventType = BotEvent['type'];
