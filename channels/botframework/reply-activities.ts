import { ActionTypes, type Activity, type Attachment, CardFactory } from 'botbuilder';
import type { BotEvent, Card, Suggestion } from '../../core/contracts/bot-event.ts';

/**
 * An Adaptive Card (schema 1.4, what Teams renders) for a parley card: title, text and one `Action.Submit` per
 * button. A button sends its value back as the user's text: as an `imBack` in Teams, as `value.parleyText`
 * elsewhere (Web Chat, the Emulator).
 */
export function adaptiveCardOf(card: Card): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true },
      ...(card.text ? [{ type: 'TextBlock', text: card.text, wrap: true }] : []),
    ],
    actions: (card.buttons ?? []).map((button) => ({
      type: 'Action.Submit',
      title: button.title,
      data: { msteams: { type: 'imBack', value: button.value }, parleyText: button.value },
    })),
  });
}

const suggestedActionsOf = (suggestions: readonly Suggestion[]) => ({
  actions: suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s.title, value: s.value })),
  to: [] as string[],
});

/**
 * The activities that render a turn's events: one message per finished text (Markdown), one per card (an
 * Adaptive Card), and the quick replies as `suggestedActions` on the last message. Deltas, speech and command
 * events are not shown: the message carries the full text.
 */
export function replyActivitiesOf(events: readonly BotEvent[]): Partial<Activity>[] {
  const activities: Partial<Activity>[] = [];
  let suggestions: Suggestion[] = [];
  for (const event of events) {
    if (event.type === 'text-end' && event.text.trim() !== '') activities.push({ type: 'message', text: event.text, textFormat: 'markdown' });
    else if (event.type === 'card') activities.push({ type: 'message', attachments: [adaptiveCardOf(event.card)] });
    else if (event.type === 'suggestions') suggestions = event.suggestions;
  }
  if (suggestions.length > 0) {
    const last = activities.at(-1);
    if (last) last.suggestedActions = suggestedActionsOf(suggestions);
    else activities.push({ type: 'message', suggestedActions: suggestedActionsOf(suggestions) });
  }
  return activities;
}
