import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteFile } from '../../../core/stores/open-sqlite-file.ts';

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another connection, in its own thread, holding the write lock of a new file until `release` or `holdMs`. */
const lockHolderSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.exec('BEGIN IMMEDIATE');
db.exec('CREATE TABLE written_by_holder (x)');
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(workerData.release), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
`;

interface LockHolder {
  /** Lets the holder commit now. */
  release: () => void;
  exited: Promise<unknown>;
}

async function holdWriteLock(file: string, holdMs: number): Promise<LockHolder> {
  const release = new SharedArrayBuffer(4);
  const worker = new Worker(lockHolderSource, { eval: true, workerData: { driver, file, holdMs, release } });
  const exited = once(worker, 'exit');
  await once(worker, 'message');
  return {
    release: () => {
      Atomics.store(new Int32Array(release), 0, 1);
      Atomics.notify(new Int32Array(release), 0);
    },
    exited,
  };
}

let dir: string | undefined;
let holder: LockHolder | undefined;
afterEach(async () => {
  holder?.release();
  await holder?.exited;
  holder = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('openSqliteFile while another connection holds the write lock of the new file', () => {
  it('waits for the lock instead of failing the switch to WAL at once with "database is locked"', {
    timeout: 30_000,
  }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-open-sqlite-'));
    const file = join(dir, 'shared.db');
    holder = await holdWriteLock(file, 300);
    const db = openSqliteFile({ file, busyTimeoutMs: 20_000, synchronous: 'normal' });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // Opened after the holder committed: its table is there.
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['written_by_holder']);
    } finally {
      db.close();
    }
  });

  it('gives up with SQLITE_BUSY once the busy timeout has passed', { timeout: 30_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-open-sqlite-'));
    const file = join(dir, 'shared.db');
    holder = await holdWriteLock(file, 60_000);
    expect(() => openSqliteFile({ file, busyTimeoutMs: 200, synchronous: 'normal' })).toThrow(
      expect.objectContaining({ code: 'SQLITE_BUSY' }),
    );
  });
});
