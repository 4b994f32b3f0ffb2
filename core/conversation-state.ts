import type { BotEvent } from './contracts/bot-event.ts';
import type { DialogueContext } from './dialogue/dialogue-context.ts';

/** Layout version of {@link ConversationState}. */
export const CONVERSATION_STATE_SCHEMA = 1;

/** One line of a conversation's transcript. */
export interface HistoryEntry {
  role: 'user' | 'bot';
  text: string;
  /** Milliseconds since the epoch. */
  at: number;
  turnId: string;
}

/** A processed turn, kept so that a retry with the same id returns the same reply without running again. */
export interface ProcessedTurn {
  id: string;
  events: BotEvent[];
}

/** The dialogue machine's persisted snapshot. */
export interface PersistedDialogue {
  /** {@link DIALOGUE_CONTEXT_VERSION} of the machine that wrote it. */
  version: number;
  /** The waiting state the machine was in. */
  value: string;
  context: DialogueContext;
}

/** Everything stored for one conversation. */
export interface ConversationState {
  schema: number;
  dialogue: PersistedDialogue;
  history: HistoryEntry[];
  processed: ProcessedTurn[];
}
