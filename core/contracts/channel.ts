import type { BotEvent } from './bot-event.ts';
import type { TurnHandler } from './turn-handler.ts';

/** Where a channel can reach a conversation again (for proactive messages). */
export interface ConversationReference {
  channel: string;
  conversationId: string;
}

/** An adapter between the outside world and the bot: web, Teams/Slack, REST, terminal, voice. */
export interface Channel {
  /** Channel name, used as `UserTurn.channel`. */
  readonly name: string;
  /** Starts taking traffic for the bot. */
  start(bot: TurnHandler): Promise<void>;
  /** Stops taking traffic; turns already running finish. */
  stop(): Promise<void>;
  /**
   * Sends events to a conversation outside a turn (a reminder, an agent's message).
   */
  send(reference: ConversationReference, events: readonly BotEvent[]): Promise<void>;
}
