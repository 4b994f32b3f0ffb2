import type { HistoryEntry, TranscriptLine } from './transcript.ts';
import type { TurnResult } from './turn-result.ts';
import type { UserTurn } from './user-turn.ts';

/** A conversation's persisted record as a store returns it. */
export interface StoredConversation {
  id: string;
  /** Increases by one on every save; 0 is never stored (it means "new"). Acts as the eTag. */
  version: number;
  /** The JSON-serialisable state (dialogue snapshot and conversation data). */
  state: unknown;
  /** Milliseconds since the epoch of the last save. */
  updatedAt: number;
}

/** What {@link ConversationStore.acceptTurn} found for a turn id. */
export type AcceptedTurn =
  /** Stored now: run it. */
  | { status: 'new' }
  /** Stored earlier and not finished (a retry, a crash, another process running it): run it or wait for it. */
  | { status: 'pending' }
  /** Finished earlier: answer with this result and run nothing. */
  | { status: 'done'; result: TurnResult };

/** The right to write one conversation, held by one process at a time. */
export interface Lease {
  conversationId: string;
  /** The process holding it (a random id per bot instance). */
  owner: string;
  /** Fencing token: grows every time the lease changes hands; a write with an older one is refused. */
  token: number;
}

/** Everything a finished batch of turns writes, in one transaction. */
export interface TurnCommit {
  conversationId: string;
  /** The version the turn loaded (0 for a new conversation). */
  expectedVersion: number;
  /** The new state. */
  state: unknown;
  /** The turns this commit finishes, each with the result a retry of its id will get. */
  results: readonly TurnResult[];
  /** Transcript lines to append, in order. */
  lines: readonly HistoryEntry[];
  /** The lease the turn ran under; the commit is refused with `LeaseLostError` when it is no longer current. */
  lease: Lease;
}

/** A side effect about to run, as the effects journal records it. */
export interface EffectStart {
  /** Idempotency key: derived from conversation, turn id and call. */
  key: string;
  conversationId: string;
  turnId: string;
  command: string;
  args: unknown;
  lease: Lease;
}

/** What the effects journal knew of a key when {@link ConversationStore.beginEffect} was called. */
export type EffectRecord =
  /** Not journaled before; now recorded as started: run it. */
  | { status: 'new' }
  /** Journaled as started by an earlier run that never recorded a result: resolve it, never rerun blindly. */
  | { status: 'started' }
  /** Finished earlier: this is its recorded result. */
  | { status: 'finished'; result: unknown };

/** A window of the transcript, in line numbers. */
export interface TranscriptRange {
  /** Lines with `seq` greater than this; 0 for the first. */
  afterSeq: number;
  /** Lines to return, at most. */
  limit: number;
}

/**
 * Where conversations live: the dialogue state (versioned, optimistic concurrency), the turn inbox (every turn
 * accepted, deduplicated by id for the retention period), the effects journal, the complete transcript and the
 * per-conversation lease. Implementations: memory, SQLite (the embedded default), Redis. All pass
 * `test/core/stores/conversation-store-contract.ts`.
 *
 * Every method throws `StoreClosedError` after `close()`, `InputError` for a malformed argument (naming the
 * field), and `StoreUnavailableError` (retryable) when the backend fails (disk full, read-only file).
 */
export interface ConversationStore {
  /** Implementation id, e.g. "memory", "sqlite". */
  readonly provider: string;
  /** The stored record, or `undefined` when there is none. The state is a fresh copy on every call. */
  load(conversationId: string): Promise<StoredConversation | undefined>;
  /**
   * Stores `state` if the stored version is still `expectedVersion` (0 for a conversation not stored yet)
   * and returns the new version. Throws `ConversationConflictError` otherwise, leaving what is stored as it was.
   * Throws `InputError` (field `state`) when `state` cannot be serialised as JSON (a BigInt, a cycle), and
   * (field `conversationId` / `expectedVersion`) for an empty id or a version that is not an integer >= 0;
   * nothing stored changes then either.
   */
  save(conversationId: string, state: unknown, expectedVersion: number): Promise<number>;
  /** Removes the conversation, its turns, journal and transcript; true when there was one. */
  delete(conversationId: string): Promise<boolean>;

  /** Writes the turn to the inbox unless its id is there already, and says which it was. */
  acceptTurn(turn: UserTurn): Promise<AcceptedTurn>;
  /** What the inbox knows of a turn id, without writing: `new` when it has never been stored. */
  findTurn(conversationId: string, turnId: string): Promise<AcceptedTurn>;
  /** Turns accepted but never finished, oldest first, every conversation (what a restart must finish). */
  pendingTurns(): Promise<UserTurn[]>;
  /** Removes an unfinished turn from the inbox (it failed for a reason a retry may not have); false when absent or done. */
  abandonTurn(conversationId: string, turnId: string): Promise<boolean>;
  /**
   * Saves the state (as {@link ConversationStore.save}), records the turns as done with their results (accepted
   * before or not) and appends the
   * transcript lines — all or nothing — and returns the new version. Throws `LeaseLostError` when `lease` is not
   * current, `ConversationConflictError` on a version mismatch.
   */
  commitTurn(commit: TurnCommit): Promise<number>;

  /**
   * Journals a side effect before it runs: records `key` as started unless it is journaled already, and says
   * what was there. Throws `LeaseLostError` when `lease` is not current (so the effect does not run).
   */
  beginEffect(effect: EffectStart): Promise<EffectRecord>;
  /** Records the result of a journaled effect (JSON-serialisable). */
  finishEffect(key: string, result: unknown): Promise<void>;

  /** Transcript lines in order, numbered from 1. */
  transcript(conversationId: string, range: TranscriptRange): Promise<TranscriptLine[]>;
  /** The last `limit` transcript lines, oldest first. */
  recentTranscript(conversationId: string, limit: number): Promise<TranscriptLine[]>;
  /**
   * Rewrites a committed turn's reply in the transcript to what the user actually got of it (a spoken answer cut
   * short by an interruption): the turn's bot lines become one, its last bot line (keeping its number and time)
   * with `text`; the turn's earlier bot lines are removed. An empty `text` leaves an empty bot line (the reply was
   * cut before its first word), so line numbers never go back. Only the conversation's last
   * {@link reviseReplyWindow} lines are looked at. Resolves false when the turn has no bot line there.
   */
  reviseReply(conversationId: string, turnId: string, text: string): Promise<boolean>;

  /**
   * Takes the conversation's lease for `ttlMs` milliseconds: a new lease (token one higher) when it is free or
   * expired, the same lease renewed when `owner` holds it, `undefined` when another owner holds a live one.
   */
  acquireLease(conversationId: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
  /** Gives the lease up (a no-op when it has changed hands since). */
  releaseLease(lease: Lease): Promise<void>;
  /** Who holds the conversation's live lease, if anyone. */
  leaseHolder(conversationId: string): Promise<string | undefined>;
  /**
   * Takes the lease from `from` (a holder known to be dead, e.g. a killed process on this host) even though it has
   * not expired: a new lease with a higher token, so the dead holder's writes are fenced off. `undefined` when the
   * lease is no longer `from`'s.
   */
  takeOverLease(conversationId: string, from: string, owner: string, ttlMs: number): Promise<Lease | undefined>;

  /**
   * Removes what finished before `before` (ms since the epoch): done turns, finished effects and transcript lines
   * of conversations not updated since. Returns how many records went. The retention setting calls it.
   */
  purge(before: number): Promise<number>;
  /** Checks that the store can write now (a small write); throws `StoreUnavailableError` when it cannot. */
  probe(): Promise<void>;
  /** Releases files and connections. Further calls fail with `StoreClosedError`; closing again does nothing. */
  close(): Promise<void>;
}

/** How many of a conversation's last transcript lines {@link ConversationStore.reviseReply} looks at. */
export const reviseReplyWindow = 200;
