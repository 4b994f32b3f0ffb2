import type { BotEvent } from './bot-event.ts';

/** How a turn ended. */
export type TurnStatus =
  /** It ran to the end. */
  | 'completed'
  /** A later turn superseded it; what ran before the abort stays done. */
  | 'superseded'
  /** Its id was processed before; the events are the first run's. */
  | 'duplicate'
  /** It failed; the events carry an error and a fallback reply, the stored state is unchanged. */
  | 'failed';

/** The bot's answer to one turn. */
export interface TurnResult {
  turnId: string;
  conversationId: string;
  status: TurnStatus;
  events: BotEvent[];
  /** The intent the dialogue acted on (null when it understood none); absent for duplicates and failures. */
  intent?: string | null;
  /** Who routed the turn: the classifier's reading directly, or the model. */
  route?: 'classifier' | 'model';
}
