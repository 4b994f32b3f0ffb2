import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqliteSchema } from './sqlite-schema.ts';

/** Connection settings of {@link openSqliteDatabase}; see `SqliteStoreOptions` for their meaning. */
export interface OpenSqliteDatabaseOptions {
  file: string;
  busyTimeoutMs: number;
  synchronous: 'normal' | 'full';
}

/**
 * Opens (creating it and its parent directories when missing) the conversation database: WAL journal,
 * busy timeout, synchronous level, schema migrated to the current version. Closes it again if any step fails.
 */
export function openSqliteDatabase(options: OpenSqliteDatabaseOptions): Database.Database {
  const { file, busyTimeoutMs, synchronous } = options;
  if (file !== ':memory:' && file !== '') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // busy_timeout first: switching to WAL and migrating may wait for another process's lock.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL: a commit has reached the OS when the transaction returns, which is enough for a
    // killed process; FULL adds an fsync per commit for OS crashes and power loss.
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    migrateSqliteSchema(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
