import type { BotEvent, Card, Suggestion } from '../../core/contracts/bot-event.ts';

/** A reply message without its destination. */
export interface SlackReplyMessage {
  text: string;
  blocks?: object[];
}

/** The `action_id` prefix of parley's buttons; a click sends the button's value back as the user's text. */
export const slackButtonActionPrefix = 'parley_reply_';

const buttons = (items: readonly Suggestion[]) => ({
  type: 'actions',
  elements: items.slice(0, 25).map((item, i) => ({
    type: 'button',
    action_id: `${slackButtonActionPrefix}${i}`,
    text: { type: 'plain_text', text: item.title.slice(0, 75) },
    value: item.value.slice(0, 2000),
  })),
});

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } });

function cardMessage(card: Card): SlackReplyMessage {
  return {
    text: card.text ? `${card.title}\n${card.text}` : card.title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: card.title.slice(0, 150) } },
      ...(card.text ? [section(card.text)] : []),
      ...(card.buttons && card.buttons.length > 0 ? [buttons(card.buttons)] : []),
    ],
  };
}

/** The reply's text: every finished text of the turn, as one Markdown string. */
export function slackReplyText(events: readonly BotEvent[]): string {
  return events.flatMap((e) => (e.type === 'text-end' && e.text.trim() !== '' ? [e.text] : [])).join('\n\n');
}

/**
 * The Slack messages that render a turn's events: one per finished text (none when `textStreamed`: the text went
 * out through a stream), one per card (Block Kit header, text and buttons), and the quick replies as buttons under
 * the last message. `text` is always set: notifications and screen readers use it when there are blocks.
 */
export function slackReplyMessages(events: readonly BotEvent[], options: { textStreamed?: boolean } = {}): SlackReplyMessage[] {
  const messages: SlackReplyMessage[] = [];
  let suggestions: Suggestion[] = [];
  for (const event of events) {
    if (event.type === 'text-end' && event.text.trim() !== '' && !options.textStreamed) messages.push({ text: event.text });
    else if (event.type === 'card') messages.push(cardMessage(event.card));
    else if (event.type === 'suggestions') suggestions = event.suggestions;
  }
  if (suggestions.length > 0) {
    const last = messages.at(-1) ?? { text: suggestions.map((s) => s.title).join(' · ') };
    if (messages.length === 0) messages.push(last);
    last.blocks = [...(last.blocks ?? [section(last.text)]), buttons(suggestions)];
  }
  return messages;
}
