import type { BotEvent, Card, Suggestion } from '../../core/contracts/bot-event.ts';

const list = (buttons: readonly Suggestion[]) => buttons.map((b) => `- ${b.title}`).join('\n');

const cardText = (card: Card) =>
  [`**${card.title}**`, ...(card.text ? [card.text] : []), ...(card.buttons?.length ? [list(card.buttons)] : [])].join('\n');

/**
 * Renders a bot's reply events as one plain text, piece by piece as they stream: the messages' text (each
 * message once, whether it streamed as deltas or came whole), quick replies as a list and cards as a bold title,
 * their text and their buttons, separated by blank lines. Speech, command and error events add nothing (a failed
 * turn's fallback reply comes as text).
 */
export class BotReplyText {
  private readonly streamed = new Set<string>();
  private current: string | undefined;
  private written = false;

  /** The text `event` adds to the reply ("" for none). */
  push(event: BotEvent): string {
    switch (event.type) {
      case 'text-delta':
        if (this.current === event.messageId) return event.delta;
        this.streamed.add(event.messageId);
        this.current = event.messageId;
        return this.piece(event.delta);
      case 'text-end':
        this.current = undefined;
        return this.streamed.has(event.messageId) ? '' : this.piece(event.text);
      case 'suggestions':
        return event.suggestions.length ? this.piece(list(event.suggestions)) : '';
      case 'card':
        return this.piece(cardText(event.card));
      default:
        return '';
    }
  }

  private piece(text: string): string {
    const separated = this.written ? `\n\n${text}` : text;
    this.written = true;
    return separated;
  }
}
