import type { Database } from 'better-sqlite3';
import { ConfigError } from '../contracts/errors/config-error.ts';
import { ConversationConflictError } from '../contracts/errors/conversation-conflict-error.ts';
import type { ConversationStore, StoredConversation } from '../contracts/conversation-store.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';
import { serializeState } from './serialize-state.ts';
import { StoreClosedError } from '../contracts/errors/store-closed-error.ts';
import { validateConversationId, validateExpectedVersion } from './validate-store-input.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * Path of the database file; missing parent directories are created. `':memory:'` gives a private
   * in-memory database (no WAL, nothing survives `close()`).
   */
  file: string;
  /** Clock for `updatedAt`, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * How long, in milliseconds, a statement waits for another connection's write lock before failing with
   * `SQLITE_BUSY`. Default 5000.
   */
  busyTimeoutMs?: number;
  /**
   * `PRAGMA synchronous`. Default `'normal'`: in WAL mode a commit is in the OS once `save` returns, so it
   * survives the process being killed; only an OS crash or power loss may lose the last commits (the file
   * stays consistent). `'full'` also survives those, at the cost of an fsync per save.
   */
  synchronous?: 'normal' | 'full';
}

/** Defaults of {@link SqliteStoreOptions} (every field but `file`). */
export const defaultSqliteStoreOptions: Required<Omit<SqliteStoreOptions, 'file'>> = {
  now: () => Date.now(),
  busyTimeoutMs: 5000,
  synchronous: 'normal',
};

interface ConversationRow {
  version: number;
  state: string;
  updated_at: number;
}

/**
 * A {@link ConversationStore} in an SQLite file (provider "sqlite"), the embedded default. Several
 * processes may open the same file: WAL lets readers run beside the writer, and optimistic concurrency
 * (`expectedVersion`) holds across them because each save checks and writes in one transaction.
 *
 * @example
 * const store = createSqliteStore({ file: '.parley/conversations.db' });
 * const version = await store.save('c1', { step: 'greet' }, 0); // 1
 */
export function createSqliteStore(options: SqliteStoreOptions): ConversationStore {
  const resolved = resolveOptions(options);
  const db = openSqliteDatabase(resolved);
  const statements = prepareStatements(db);
  const assertOpen = (): void => {
    if (!db.open) throw new StoreClosedError('sqlite');
  };

  return {
    provider: 'sqlite',

    async load(conversationId: string): Promise<StoredConversation | undefined> {
      assertOpen();
      validateConversationId(conversationId);
      const row = statements.selectRow.get(conversationId);
      if (row === undefined) return undefined;
      return {
        id: conversationId,
        version: row.version,
        state: JSON.parse(row.state),
        updatedAt: row.updated_at,
      };
    },

    async save(conversationId: string, state: unknown, expectedVersion: number): Promise<number> {
      assertOpen();
      validateConversationId(conversationId);
      validateExpectedVersion(conversationId, expectedVersion);
      const json = serializeState(conversationId, state);
      return statements.save.immediate(conversationId, json, expectedVersion, resolved.now());
    },

    async delete(conversationId: string): Promise<boolean> {
      assertOpen();
      validateConversationId(conversationId);
      return statements.deleteRow.run(conversationId).changes > 0;
    },

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

function prepareStatements(db: Database) {
  const selectRow = db.prepare<[string], ConversationRow>(
    'SELECT version, state, updated_at FROM conversations WHERE id = ?',
  );
  const selectVersion = db.prepare<[string], { version: number }>(
    'SELECT version FROM conversations WHERE id = ?',
  );
  const insertNew = db.prepare<[id: string, state: string, updatedAt: number]>(
    'INSERT INTO conversations (id, version, state, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const updateIfVersion = db.prepare<[state: string, updatedAt: number, id: string, version: number]>(
    'UPDATE conversations SET version = version + 1, state = ?, updated_at = ? WHERE id = ? AND version = ?',
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM conversations WHERE id = ?');

  // Run with .immediate(): taking the write lock up front means the conditional write and the read of the
  // actual version on a mismatch see the same committed state, whichever other connection or process writes.
  const save = db.transaction(
    (conversationId: string, json: string, expectedVersion: number, updatedAt: number): number => {
      const changes =
        expectedVersion === 0
          ? insertNew.run(conversationId, json, updatedAt).changes
          : updateIfVersion.run(json, updatedAt, conversationId, expectedVersion).changes;
      if (changes === 1) return expectedVersion + 1;
      const actualVersion = selectVersion.get(conversationId)?.version ?? 0;
      throw new ConversationConflictError(conversationId, expectedVersion, actualVersion);
    },
  );
  return { selectRow, save, deleteRow };
}
