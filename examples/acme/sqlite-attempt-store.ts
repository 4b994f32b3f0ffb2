import { openSqliteFile } from '../../core/stores/open-sqlite-file.ts';
import type { AttemptRecord, AttemptStore } from '../../skills/attempt-store.ts';

/** An attempt store with its {@link close}. */
export interface SqliteAttemptStore extends AttemptStore {
  /** Closes the database; closing again does nothing. */
  close(): void;
}

/**
 * Keeps failed verification attempts in the SQLite file `file` (created with its directory when missing, WAL
 * journal), so that a lock outlives a restart of the demo and is shared by processes using the same file.
 */
export function createSqliteAttemptStore(file: string): SqliteAttemptStore {
  const db = openSqliteFile({ file, busyTimeoutMs: 5000, synchronous: 'normal' });
  db.exec('CREATE TABLE IF NOT EXISTS attempts (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start INTEGER NOT NULL, locked_until INTEGER NOT NULL)');
  const select = db.prepare<[string], { failures: number; window_start: number; locked_until: number }>(
    'SELECT failures, window_start, locked_until FROM attempts WHERE key = ?',
  );
  const upsert = db.prepare<[string, number, number, number]>(
    'INSERT INTO attempts (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, locked_until = excluded.locked_until',
  );
  const remove = db.prepare<[string]>('DELETE FROM attempts WHERE key = ?');
  return {
    async get(key): Promise<AttemptRecord | undefined> {
      const row = select.get(key);
      return row ? { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until } : undefined;
    },
    async set(key, record) {
      if (record) upsert.run(key, record.failures, record.windowStart, record.lockedUntil);
      else remove.run(key);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
