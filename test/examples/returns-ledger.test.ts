import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AcmeOrder } from '../../examples/acme/acme-data.ts';
import { createReturnItemSkill } from '../../examples/acme/return-item-skill.ts';
import {
  createReturnsLedger,
  type ReturnRecord,
  type ReturnsLedger,
} from '../../examples/acme/returns-ledger.ts';
import type { CommandContext, CommandDefinition } from '../../skills/command-definition.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const ledgerModule = pathToFileURL(join(repoRoot, 'examples/acme/returns-ledger.ts')).href;

let dir: string;
let opened: ReturnsLedger[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-returns-'));
  opened = [];
});
afterEach(async () => {
  for (const ledger of opened) await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(
  file = join(dir, 'returns.db'),
  options: Parameters<typeof createReturnsLedger>[1] = {},
): ReturnsLedger {
  const ledger = createReturnsLedger(file, options);
  opened.push(ledger);
  return ledger;
}

/** Rows as SQLite holds them, read through a separate connection. */
function rows(file: string): Array<{ seq: number; return_id: string; idempotency_key: string | null }> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT seq, return_id, idempotency_key FROM returns ORDER BY seq').all() as Array<{
      seq: number;
      return_id: string;
      idempotency_key: string | null;
    }>;
  } finally {
    db.close();
  }
}

const ids = (records: readonly ReturnRecord[]) => records.map((r) => r.return_id);
const expectedIds = (count: number) => Array.from({ length: count }, (_, i) => `R-${1001 + i}`);

describe('returns ledger (SQLite)', () => {
  it('gives ids R-1001, R-1002, … in order and lists the records oldest first', async () => {
    const file = join(dir, 'nested', 'returns.db');
    const ledger = open(file, { now: () => new Date('2026-01-02T03:04:05.000Z') });
    const first = await ledger.add('45210', 'too small', 'k1');
    const second = await ledger.add('12345', 'broken', 'k2');
    const third = await ledger.add('45210', 'wrong colour', 'k3');
    expect(first).toEqual({
      return_id: 'R-1001',
      order_id: '45210',
      reason: 'too small',
      created_at: '2026-01-02T03:04:05.000Z',
    });
    expect(ids([first, second, third])).toEqual(['R-1001', 'R-1002', 'R-1003']);
    expect(await ledger.list()).toEqual([first, second, third]);
    expect(rows(file).map((r) => [r.seq, r.return_id, r.idempotency_key])).toEqual([
      [1, 'R-1001', 'k1'],
      [2, 'R-1002', 'k2'],
      [3, 'R-1003', 'k3'],
    ]);
  });

  it('keeps its records when the file is closed and opened again, and continues the ids', async () => {
    const file = join(dir, 'returns.db');
    const before = open(file);
    await before.add('45210', 'too small', 'k1');
    await before.close();
    await expect(before.list()).rejects.toThrow();
    const after = open(file);
    expect(ids(await after.list())).toEqual(['R-1001']);
    expect((await after.add('12345', 'broken', 'k2')).return_id).toBe('R-1002');
  });

  it('adds once per idempotency key: the second add returns the first record and inserts nothing', async () => {
    const file = join(dir, 'returns.db');
    let clock = Date.parse('2026-01-01T00:00:00.000Z');
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    const ledger = open(file, { now: tick });
    const first = await ledger.add('45210', 'too small', 'same-key');
    const again = await ledger.add('99999', 'something else', 'same-key');
    expect(again).toEqual(first);
    expect(await ledger.list()).toEqual([first]);
    expect(rows(file)).toHaveLength(1);
    expect((await ledger.add('12345', 'broken', 'other-key')).return_id).toBe('R-1002');
  });

  it('refuses an empty idempotency key', async () => {
    const ledger = open();
    await expect(ledger.add('45210', 'too small', '')).rejects.toThrow(TypeError);
    expect(await ledger.list()).toEqual([]);
  });

  it('finds a return by its idempotency key, and nothing for an unknown key', async () => {
    const ledger = open();
    await ledger.add('45210', 'too small', 'k1');
    const second = await ledger.add('12345', 'broken', 'k2');
    expect(await ledger.findByKey('k2')).toEqual(second);
    expect(await ledger.findByKey('k3')).toBeUndefined();
  });

  it('gives distinct ids and honours keys across two connections to one file', async () => {
    const file = join(dir, 'returns.db');
    const a = open(file);
    const b = open(file);
    const added = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).add('45210', `reason ${i}`, `key-${i}`)),
    );
    expect(new Set(ids(added)).size).toBe(40);
    expect(ids(await a.list()).sort()).toEqual(expectedIds(40).sort());
    // A key one connection used is honoured by the other.
    expect(await b.add('12345', 'other', 'key-1')).toEqual(added[1]);
    expect(await a.findByKey('key-2')).toEqual(added[2]);
    expect(rows(file)).toHaveLength(40);
  });

  it('gives distinct ids when several processes add to one file at the same time', async () => {
    const file = join(dir, 'returns.db');
    const go = join(dir, 'go');
    const perProcess = 150;
    const processes = 3;
    // Each child opens the ledger, says ready, waits for the go file, then adds `perProcess` returns, all
    // under its own keys except `shared`, which every process (and the parent) adds once.
    const script = `
      import { existsSync } from 'node:fs';
      const { createReturnsLedger } = await import(${JSON.stringify(ledgerModule)});
      const [file, go, name, count] = process.argv.slice(1);
      const ledger = createReturnsLedger(file);
      console.log('ready');
      while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
      const added = [];
      for (let i = 0; i < Number(count); i += 1) {
        added.push((await ledger.add('45210', name + ' ' + i, name + '-' + i)).return_id);
        if (i === Number(count) / 2) added.push('shared=' + (await ledger.add('12345', name, 'shared')).return_id);
        await new Promise((r) => setImmediate(r));
      }
      await ledger.close();
      console.log(JSON.stringify(added));
    `;
    const children = Array.from({ length: processes }, (_, p) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script, file, go, `p${p}`, String(perProcess)],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.startsWith('ready\n')) resolve();
        });
        child.on('exit', () => reject(new Error(`child exited before ready: ${stderr}`)));
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const done = new Promise<string[]>((resolve, reject) => {
        child.on('exit', (code) => {
          if (code !== 0) reject(new Error(`child exited with ${code}: ${stderr}`));
          else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[]);
        });
      });
      return { ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    const parent = open(file);
    writeFileSync(go, '');
    const mine: string[] = [];
    for (let i = 0; i < perProcess; i += 1) {
      mine.push((await parent.add('45210', `parent ${i}`, `parent-${i}`)).return_id);
      // Let the children's writes interleave with the parent's.
      await new Promise((r) => setImmediate(r));
    }
    const shared = await parent.add('12345', 'parent', 'shared');
    const theirs = await Promise.all(children.map((c) => c.done));

    const sharedIds = theirs
      .flat()
      .filter((id) => id.startsWith('shared='))
      .map((id) => id.slice('shared='.length));
    const own = [...mine, ...theirs.flat().filter((id) => !id.startsWith('shared='))];
    const total = perProcess * (processes + 1) + 1;
    expect(own).toHaveLength(total - 1);
    expect(new Set([...own, shared.return_id]).size).toBe(total);
    // Every process got the one return stored under the shared key.
    expect(sharedIds).toEqual(Array.from({ length: processes }, () => shared.return_id));
    expect(ids(await parent.list()).sort()).toEqual(expectedIds(total).sort());
    expect(rows(file).filter((r) => r.idempotency_key === 'shared')).toHaveLength(1);
  });

  describe('import of the old JSON-lines ledger', () => {
    const old: ReturnRecord[] = [
      { return_id: 'R-1001', order_id: '45210', reason: 'too small', created_at: '2025-01-01T00:00:00.000Z' },
      { return_id: 'R-1002', order_id: '12345', reason: 'broken', created_at: '2025-01-02T00:00:00.000Z' },
      // R-1003 is missing (a line removed by hand): ids are kept, not renumbered.
      { return_id: 'R-1004', order_id: '67890', reason: 'late', created_at: '2025-01-03T00:00:00.000Z' },
    ];
    const writeJsonl = (file: string, records: readonly unknown[]) =>
      writeFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));

    it('imports the old records with their ids, and new ids continue after them', async () => {
      const jsonl = join(dir, 'acme-returns.jsonl');
      writeJsonl(jsonl, old);
      const ledger = open(join(dir, 'acme-returns.db'), { importJsonl: jsonl });
      expect(await ledger.list()).toEqual(old);
      expect((await ledger.add('45210', 'new one', 'k-new')).return_id).toBe('R-1005');
    });

    it('imports only when the database is created, not again on later opens', async () => {
      const jsonl = join(dir, 'acme-returns.jsonl');
      const file = join(dir, 'acme-returns.db');
      writeJsonl(jsonl, old);
      const first = open(file, { importJsonl: jsonl });
      await first.add('45210', 'new one', 'k-new');
      await first.close();
      const second = open(file, { importJsonl: jsonl });
      expect(ids(await second.list())).toEqual(['R-1001', 'R-1002', 'R-1004', 'R-1005']);
    });

    it('keeps records whose id the old ledger gave twice, under a new id', async () => {
      const jsonl = join(dir, 'acme-returns.jsonl');
      const duplicate = { ...old[1]!, order_id: '55555', reason: 'written by a second process' };
      writeJsonl(jsonl, [old[0], old[1], duplicate, old[2]]);
      const ledger = open(join(dir, 'acme-returns.db'), { importJsonl: jsonl });
      const list = await ledger.list();
      expect(list.slice(0, 3)).toEqual(old);
      expect(list[3]).toEqual({ ...duplicate, return_id: 'R-1005' });
      expect((await ledger.add('45210', 'new one', 'k-new')).return_id).toBe('R-1006');
    });

    it('refuses a file with a line that is not a return record and imports nothing', async () => {
      const jsonl = join(dir, 'acme-returns.jsonl');
      const file = join(dir, 'acme-returns.db');
      writeFileSync(jsonl, `${JSON.stringify(old[0])}\n{"return_id": "R-10`);
      expect(() => open(file, { importJsonl: jsonl })).toThrow(/:2: not a return record/);
      writeJsonl(jsonl, old);
      expect(await open(file, { importJsonl: jsonl }).list()).toEqual(old);
    });

    it('opens an empty ledger when there is no old file', async () => {
      const ledger = open(join(dir, 'acme-returns.db'), { importJsonl: join(dir, 'acme-returns.jsonl') });
      expect(await ledger.list()).toEqual([]);
    });
  });
});

describe('create_return command', () => {
  const orders = [{ order_id: '45210' }, { order_id: '12345' }] as AcmeOrder[];
  const context = (idempotencyKey: string): CommandContext => ({
    user: { id: 'test-user', verified: false },
    conversationId: 'conversation-1',
    turnId: 'turn-1',
    signal: new AbortController().signal,
    data: {},
    log: pino({ level: 'silent' }),
    idempotencyKey,
  });
  const command = (ledger: ReturnsLedger): CommandDefinition => {
    const found = createReturnItemSkill(orders, ledger).commands?.create_return;
    if (!found) throw new Error('create_return missing');
    return found;
  };
  const args = { order_id: '45210', reason: 'too small' };

  it('opens the return under the call idempotency key, once however often it runs', async () => {
    const ledger = open();
    const createReturn = command(ledger);
    const first = await createReturn.execute(args, context('call-1'));
    expect(first).toEqual({
      created: true,
      return: expect.objectContaining({ return_id: 'R-1001', order_id: '45210' }),
    });
    expect(await createReturn.execute(args, context('call-1'))).toEqual(first);
    expect(await ledger.list()).toHaveLength(1);
    expect(await ledger.findByKey('call-1')).toEqual((first as { return: ReturnRecord }).return);
  });

  it('recover: done with the stored return when the call already opened it, not done otherwise', async () => {
    const ledger = open();
    const createReturn = command(ledger);
    expect(createReturn.recover).toBeTypeOf('function');
    expect(await createReturn.recover!(args, context('call-1'))).toEqual({ done: false });
    const record = await ledger.add('45210', 'too small', 'call-1');
    await ledger.add('12345', 'broken', 'call-2');
    expect(await createReturn.recover!(args, context('call-1'))).toEqual({
      done: true,
      value: { created: true, return: record },
    });
    expect(await createReturn.recover!(args, context('call-3'))).toEqual({ done: false });
    expect(await ledger.list()).toHaveLength(2);
  });

  it('does not open a return for an unknown order, and recover then says not done', async () => {
    const ledger = open();
    const createReturn = command(ledger);
    const unknown = { order_id: '00000', reason: 'too small' };
    expect(await createReturn.execute(unknown, context('call-x'))).toEqual({
      created: false,
      order_id: '00000',
    });
    expect(await createReturn.recover!(unknown, context('call-x'))).toEqual({ done: false });
    expect(await ledger.list()).toEqual([]);
  });
});
