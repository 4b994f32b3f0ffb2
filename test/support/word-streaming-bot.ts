import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';

/**
 * A bot whose answer is generated one word every `everyMs` (as a model streams), followed by `after` (cards,
 * quick replies): what the channels' streaming tests replay towards Teams and Slack.
 */
export function wordStreamingBot(words: readonly string[], everyMs: number, after: readonly BotEvent[] = []): TurnHandler {
  return {
    async handle(turn, options) {
      options?.onAccepted?.();
      const events: BotEvent[] = [];
      const emit = (event: BotEvent) => {
        events.push(event);
        options?.onEvent?.(event);
      };
      for (const [i, word] of words.entries()) {
        await new Promise((resolve) => setTimeout(resolve, everyMs));
        emit({ type: 'text-delta', messageId: 'm', delta: i === 0 ? word : ` ${word}` });
      }
      emit({ type: 'text-end', messageId: 'm', text: words.join(' ') });
      for (const event of after) emit(event);
      return { turnId: turn.id, conversationId: turn.conversationId, status: 'completed', events };
    },
    stream: () => {
      throw new Error('not used');
    },
    transcript: async () => ({ entries: [], next: null }),
    recentHistory: async () => [],
    health: async () => ({ status: 'ok' }),
  };
}
