import type { DialogueContext } from './dialogue/dialogue-context.ts';

/**
 * Layout version of {@link ConversationState}. 2: the transcript and processed turn ids live in the store's own
 * tables (the model's context window is read from the transcript's tail). 1 kept both inline, capped.
 */
export const CONVERSATION_STATE_SCHEMA = 2;

/** The dialogue machine's persisted snapshot. */
export interface PersistedDialogue {
  /** {@link DIALOGUE_CONTEXT_VERSION} of the machine that wrote it. */
  version: number;
  /** The waiting state the machine was in. */
  value: string;
  context: DialogueContext;
}

/** Everything stored for one conversation in its state record. */
export interface ConversationState {
  schema: number;
  dialogue: PersistedDialogue;
  /** The language the conversation is held in (primary subtag); absent before its first turn of a bot with locales. */
  locale?: string;
}
