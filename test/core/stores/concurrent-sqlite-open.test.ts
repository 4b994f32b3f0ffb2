import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';

/** What a worker of `test/fixtures/sqlite-opener-worker.mjs` posts after each round. */
type OpenOutcome =
  | { round: number; ok: true; journal: string }
  | { round: number; ok: false; code: string | null; message: string };

const workerScript = new URL('../../fixtures/sqlite-opener-worker.mjs', import.meta.url);
const modulePath = fileURLToPath(new URL('../../../core/stores/open-sqlite-database.ts', import.meta.url));

/**
 * `workers` threads open new files together, `rounds` times: each round every thread opens the round's file at
 * the same moment with `openSqliteDatabase`. Resolves with every outcome.
 */
async function openTogether(dir: string, workers: number, rounds: number): Promise<OpenOutcome[]> {
  const barrier = new SharedArrayBuffer(4);
  const outcomes: OpenOutcome[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = new Worker(workerScript, {
        workerData: { modulePath, exportName: 'openSqliteDatabase', dir, rounds, workers, barrier, busyTimeoutMs: 20_000 },
      });
      worker.on('message', (outcome: OpenOutcome) => outcomes.push(outcome));
      const [code] = (await once(worker, 'exit')) as [number];
      expect(code, 'worker exit code').toBe(0);
    }),
  );
  return outcomes;
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('several connections opening the same new conversation database at once', () => {
  it('all open it in WAL mode; none fails with "database is locked"', { timeout: 120_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-concurrent-open-'));
    const workers = 4;
    const rounds = 400;
    const outcomes = await openTogether(dir, workers, rounds);
    expect(outcomes).toHaveLength(workers * rounds);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(new Set(outcomes.map((o) => (o.ok ? o.journal : undefined)))).toEqual(new Set(['wal']));
  });
});
