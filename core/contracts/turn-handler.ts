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

/**
 * What a channel that can be interrupted needs of a bot besides {@link TurnHandler} (voice: the user talks over the
 * answer). `createBot`'s bot is one.
 */
export interface TurnInterrupter {
  /**
   * Aborts the conversation's running turn as a superseding turn would: its generation and every command not yet
   * started stop, side effects already done stay done and recorded, and its outcome (status `superseded`) is stored.
   * With `turnId`, only when that turn is the one running. True when a turn was aborted.
   */
  abort(conversationId: string, turnId?: string): boolean;
  /**
   * Rewrites the stored reply of a turn to what the user actually heard of it (a spoken answer interrupted): waits
   * for the turn to be stored if it is still running, then its bot lines become one line with `text` (see
   * `ConversationStore.reviseReply`). Resolves false when the turn has no stored reply; rejects with `InputError`
   * for an empty id and a retryable `StoreUnavailableError` when the store fails.
   */
  reviseReply(conversationId: string, turnId: string, text: string): Promise<boolean>;
}

/** Options of {@link TurnHandler.handle}. */
export interface TurnHandlerOptions {
  /** Sees the turn's events as they are produced. */
  onEvent?: (event: BotEvent) => void;
  /** Called once the turn is stored in the inbox (or was found stored already), before it runs. */
  onAccepted?: () => void;
}
