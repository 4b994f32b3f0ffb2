import type Database from 'better-sqlite3';

/** Pauses between attempts, in milliseconds; the last one repeats until the deadline. */
const retryDelaysMs = [1, 2, 5, 10, 20, 50];

/** Blocks the thread without spinning: connections are synchronous, so the wait is too. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switches `db` to the WAL journal and returns the journal mode it ended in (`'memory'` for an in-memory
 * database). Several processes may open the same new file at once: switching a rollback-journal file to WAL
 * upgrades a read lock to a write lock, and SQLite answers `SQLITE_BUSY` at once for that upgrade, without
 * consulting the busy timeout, when another connection holds the write lock. This retries such a refusal
 * until `busyTimeoutMs` (milliseconds) have passed, then throws the last `SQLITE_BUSY`; other errors are
 * thrown at once.
 */
export function enableWalJournal(db: Database.Database, busyTimeoutMs: number): string {
  const deadline = performance.now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return db.pragma('journal_mode = WAL', { simple: true }) as string;
    } catch (error) {
      const left = deadline - performance.now();
      if (!isBusy(error) || left <= 0) throw error;
      Atomics.wait(sleeper, 0, 0, Math.min(left, retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)]!));
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
