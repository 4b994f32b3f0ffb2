import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { enableWalJournal } from './enable-wal-journal.ts';

/** Options of {@link openSqliteFile}. */
export interface OpenSqliteFileOptions {
  /** Path of the database file; missing parent directories are created. `':memory:'` opens a private database. */
  file: string;
  /**
   * How long, in milliseconds, opening and every later statement wait for another connection's lock before
   * failing with `SQLITE_BUSY`.
   */
  busyTimeoutMs: number;
  /**
   * `PRAGMA synchronous`. `'normal'`: in WAL mode a commit has reached the OS when the write returns, enough for
   * a killed process; `'full'` adds an fsync per commit for OS crashes and power loss.
   */
  synchronous: 'normal' | 'full';
}

/**
 * Opens an SQLite file that several processes may share, creating it and its directory when missing: busy
 * timeout, WAL journal (retried while another process holds the lock, see {@link enableWalJournal}),
 * synchronous level. Safe when several processes open the same new file at once; a schema should then be
 * created inside an immediate transaction that re-reads its version. Closes the file again if a step fails.
 */
export function openSqliteFile(options: OpenSqliteFileOptions): Database.Database {
  const { file, synchronous } = options;
  const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs));
  if (file !== ':memory:' && file !== '') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    enableWalJournal(db, busyTimeoutMs);
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
