import type { BotEvent } from './contracts/bot-event.ts';
import type { DialogueOutput } from './dialogue/dialogue-context.ts';

/** Renders one dialogue output as channel events; `messageId` names the message a reply becomes. */
export function botEventsOf(output: DialogueOutput, messageId: string): BotEvent[] {
  if (output.type !== 'reply') return [output];
  const { reply } = output;
  const events: BotEvent[] = [
    { type: 'text-delta', messageId, delta: reply.text },
    { type: 'text-end', messageId, text: reply.text },
    { type: 'speak', messageId, text: reply.speak },
  ];
  if (reply.suggestions.length > 0) events.push({ type: 'suggestions', suggestions: [...reply.suggestions] });
  if (reply.card) events.push({ type: 'card', card: reply.card });
  return events;
}
