import type { BotEvent } from './bot-event.ts';
import type { HistoryEntry, TranscriptPage, TranscriptQuery } from './transcript.ts';
import type { TurnResult } from './turn-result.ts';
import type { UserTurn } from './user-turn.ts';

/** How healthy the bot's storage is: `degraded` while writes fail, with the last failure's reason. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  /** Why it is degraded. */
  reason?: string;
}

/**
 * What a channel needs of a bot: run turns, read transcripts, report health. `createBot` returns one; a
 * channel depends on this contract only, so Bot Framework, Slack or voice plug in as one more `Channel`.
 */
export interface TurnHandler {
  /**
   * Writes the turn to the inbox, runs it (queued behind its conversation's earlier turns) and resolves with every
   * event it produced once its outcome is stored; `onAccepted` is called once the turn is in the inbox, before it
   * runs (a channel acknowledges then; a restart finishes such turns). Rejects with `InputError` for a malformed turn and with a retryable `StoreUnavailableError` when the
   * turn could not be stored or its outcome could not be saved; other failures resolve with status "failed".
   */
  handle(turn: UserTurn, options?: TurnHandlerOptions): Promise<TurnResult>;
  /** The same as {@link TurnHandler.handle}, as a stream of events. */
  stream(turn: UserTurn): AsyncIterable<BotEvent>;
  /** A page of the conversation's whole transcript, oldest first. Rejects with `InputError` for a bad cursor or limit. */
  transcript(conversationId: string, query?: TranscriptQuery): Promise<TranscriptPage>;
  /** The conversation's last `lines` transcript lines, oldest first (what a reconnecting widget shows). */
  recentHistory(conversationId: string, lines: number): Promise<HistoryEntry[]>;
  /** Whether the store takes writes; checked with a write when the last one failed. */
  health(): Promise<HealthReport>;
}

/** Options of {@link TurnHandler.handle}. */
export interface TurnHandlerOptions {
  /** Sees the turn's events as they are produced. */
  onEvent?: (event: BotEvent) => void;
  /** Called once the turn is stored in the inbox (or was found stored already), before it runs. */
  onAccepted?: () => void;
}
