import { ConfigError } from '../contracts/errors/config-error.ts';
import { isParleyError } from '../contracts/errors/parley-error.ts';
import { StoreClosedError } from '../contracts/errors/store-closed-error.ts';
import { StoreUnavailableError } from '../contracts/errors/store-unavailable-error.ts';
import { type ConversationStore, reviseReplyWindow } from '../contracts/conversation-store.ts';
import type { TurnResult } from '../contracts/turn-result.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';
import { serializeState } from './serialize-state.ts';
import { prepareSqliteStatements } from './sqlite-statements.ts';
import { toTranscriptLine } from './transcript-line.ts';
import {
  validateConversationId,
  validateEffect,
  validateExpectedVersion,
  validateLease,
  validateRange,
  validateReplyRevision,
  validateTurn,
} from './validate-store-input.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * Path of the database file; missing parent directories are created. `':memory:'` gives a private
   * in-memory database (no WAL, nothing survives `close()`).
   */
  file: string;
  /** Clock for `updatedAt`, leases and retention, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * How long, in milliseconds, a statement waits for another connection's write lock before failing with
   * `SQLITE_BUSY`. Default 5000.
   */
  busyTimeoutMs?: number;
  /**
   * `PRAGMA synchronous`. Default `'normal'`: in WAL mode a commit is in the OS once a write returns, so it
   * survives the process being killed; only an OS crash or power loss may lose the last commits (the file
   * stays consistent). `'full'` also survives those, at the cost of an fsync per write.
   */
  synchronous?: 'normal' | 'full';
}

/** Defaults of {@link SqliteStoreOptions} (every field but `file`). */
export const defaultSqliteStoreOptions: Required<Omit<SqliteStoreOptions, 'file'>> = {
  now: () => Date.now(),
  busyTimeoutMs: 5000,
  synchronous: 'normal',
};

/**
 * A {@link ConversationStore} in an SQLite file (provider "sqlite"), the embedded default. Several processes may
 * open the same file: WAL lets readers run beside the writer; every write that must be atomic (a turn's commit,
 * a journal entry, a lease) is one immediate transaction, so optimistic concurrency and lease fencing hold across
 * processes. Driver failures (disk full, read-only file, I/O errors) surface as retryable `StoreUnavailableError`.
 *
 * @example
 * const store = createSqliteStore({ file: '.parley/conversations.db' });
 * const version = await store.save('c1', { step: 'greet' }, 0); // 1
 */
export function createSqliteStore(options: SqliteStoreOptions): ConversationStore {
  const resolved = resolveOptions(options);
  const db = openSqliteDatabase(resolved);
  const q = prepareSqliteStatements(db);
  const now = resolved.now;
  /** Runs a driver call: closed store and bad input first, then driver errors as `StoreUnavailableError`. */
  const run = async <T>(operation: string, fn: () => T): Promise<T> => {
    if (!db.open) throw new StoreClosedError('sqlite');
    try {
      return fn();
    } catch (error) {
      if (isParleyError(error)) throw error;
      throw new StoreUnavailableError('sqlite', operation, error);
    }
  };

  return {
    provider: 'sqlite',

    load: (conversationId) =>
      run('load', () => {
        validateConversationId(conversationId);
        const row = q.selectRow.get(conversationId);
        if (row === undefined) return undefined;
        return { id: conversationId, version: row.version, state: JSON.parse(row.state), updatedAt: row.updated_at };
      }),

    save: (conversationId, state, expectedVersion) =>
      run('save', () => {
        validateConversationId(conversationId);
        validateExpectedVersion(conversationId, expectedVersion);
        return q.save.immediate(conversationId, serializeState(conversationId, state), expectedVersion, now());
      }),

    delete: (conversationId) =>
      run('delete', () => {
        validateConversationId(conversationId);
        return q.delete.immediate(conversationId);
      }),

    acceptTurn: (turn) =>
      run('accept a turn', () => {
        validateTurn(turn);
        // A plain read first: retries and re-checks of known turns need no write lock.
        const row = q.selectTurn.get(turn.conversationId, turn.id) ?? q.accept(turn.conversationId, turn.id, JSON.stringify(turn), now());
        if (!row) return { status: 'new' as const };
        if (row.status === 'done' && row.result) return { status: 'done' as const, result: JSON.parse(row.result) as TurnResult };
        return { status: 'pending' as const };
      }),

    findTurn: (conversationId, turnId) =>
      run('read a turn', () => {
        validateConversationId(conversationId);
        const row = q.selectTurn.get(conversationId, turnId);
        if (!row) return { status: 'new' as const };
        if (row.status === 'done' && row.result) return { status: 'done' as const, result: JSON.parse(row.result) as TurnResult };
        return { status: 'pending' as const };
      }),

    pendingTurns: () => run('list pending turns', () => q.pendingTurns.all().map((r) => JSON.parse(r.turn))),

    abandonTurn: (conversationId, turnId) =>
      run('abandon a turn', () => {
        validateConversationId(conversationId);
        return q.abandonTurn.run(conversationId, turnId).changes > 0;
      }),

    commitTurn: (commit) =>
      run('commit a turn', () => {
        validateConversationId(commit.conversationId);
        validateExpectedVersion(commit.conversationId, commit.expectedVersion);
        validateLease(commit.lease);
        const json = serializeState(commit.conversationId, commit.state);
        const results = commit.results.map((r) => ({ turnId: r.turnId, json: JSON.stringify(r) }));
        return q.commit.immediate({ ...commit, json }, results, commit.lines, now());
      }),

    beginEffect: (effect) =>
      run('journal an effect', () => {
        validateEffect(effect);
        const row = q.beginEffect.immediate({ ...effect, args: JSON.stringify(effect.args ?? null) }, now());
        if (!row) return { status: 'new' as const };
        if (row.status === 'finished') return { status: 'finished' as const, result: row.result === null ? null : JSON.parse(row.result) };
        return { status: 'started' as const };
      }),

    finishEffect: (key, result) =>
      run('record an effect result', () => {
        q.finishEffect.run(JSON.stringify(result ?? null), now(), key);
      }),

    transcript: (conversationId, range) =>
      run('read the transcript', () => {
        validateConversationId(conversationId);
        validateRange(range);
        return q.linesAfter.all(conversationId, range.afterSeq, range.limit).map(toTranscriptLine);
      }),

    recentTranscript: (conversationId, limit) =>
      run('read the transcript', () => {
        validateConversationId(conversationId);
        validateRange({ afterSeq: 0, limit });
        return q.lastLines.all(conversationId, limit).reverse().map(toTranscriptLine);
      }),

    reviseReply: (conversationId, turnId, text) =>
      run('revise a reply', () => {
        validateReplyRevision(conversationId, turnId, text);
        return q.reviseReply.immediate(conversationId, turnId, text, reviseReplyWindow);
      }),

    acquireLease: (conversationId, owner, ttlMs) =>
      run('take a lease', () => {
        validateConversationId(conversationId);
        return q.acquireLease.immediate(conversationId, owner, ttlMs, now());
      }),

    releaseLease: (lease) =>
      run('release a lease', () => {
        q.releaseLease.run(0, lease.conversationId, lease.owner, lease.token);
      }),

    leaseHolder: (conversationId) =>
      run('read a lease', () => {
        validateConversationId(conversationId);
        const row = q.selectLease.get(conversationId);
        return row && row.expires_at >= now() ? row.owner : undefined;
      }),

    takeOverLease: (conversationId, from, owner, ttlMs) =>
      run('take over a lease', () => {
        validateConversationId(conversationId);
        return q.takeOverLease.immediate(conversationId, from, owner, ttlMs, now());
      }),

    purge: (before) => run('purge', () => q.purge.immediate(before)),

    probe: () =>
      run('write', () => {
        q.probe.run(now());
      }),

    async close(): Promise<void> {
      if (db.open) db.close();
    },
  };
}

function resolveOptions(options: SqliteStoreOptions): Required<SqliteStoreOptions> {
  const { file } = options;
  const now = options.now ?? defaultSqliteStoreOptions.now;
  const busyTimeoutMs = options.busyTimeoutMs ?? defaultSqliteStoreOptions.busyTimeoutMs;
  const synchronous = options.synchronous ?? defaultSqliteStoreOptions.synchronous;
  if (typeof file !== 'string') throw new ConfigError('file', 'a database file path or ":memory:"', file);
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new ConfigError('busyTimeoutMs', 'an integer number of milliseconds >= 0', busyTimeoutMs);
  }
  if (synchronous !== 'normal' && synchronous !== 'full') {
    throw new ConfigError('synchronous', '"normal" or "full"', synchronous);
  }
  return { file, now, busyTimeoutMs, synchronous };
}
