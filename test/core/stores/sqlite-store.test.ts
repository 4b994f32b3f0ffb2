import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConversationStore, createSqliteStore } from '../../../core/stores/index.ts';
import { sqliteSchemaVersion } from '../../../core/stores/sqlite-schema.ts';
import { describeConversationStoreContract } from './conversation-store-contract.ts';
import { startStoreChild } from './store-child-process.ts';
import { describeTurnStoreContract } from './turn-store-contract.ts';

function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'parley-sqlite-store-'));
}

const sqliteFileHarness = async ({ now }: { now: () => number }) => {
  const dir = makeTempDir();
  const file = join(dir, 'conversations.db');
  const store = createSqliteStore({ file, now });
  return {
    store,
    reopen: async () => createSqliteStore({ file, now }),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
const sqliteMemoryHarness = async ({ now }: { now: () => number }) => {
  const store = createSqliteStore({ file: ':memory:', now, synchronous: 'full' });
  return { store, cleanup: () => store.close() };
};

describeConversationStoreContract('sqlite (file)', sqliteFileHarness, { durable: true });
describeTurnStoreContract('sqlite (file)', sqliteFileHarness, { durable: true });
describeConversationStoreContract('sqlite (:memory:)', sqliteMemoryHarness, { durable: false });
describeTurnStoreContract('sqlite (:memory:)', sqliteMemoryHarness, { durable: false });

describe('the SQLite schema 1 → 2 migration', () => {
  it('moves the inline transcript and processed turn ids to their tables', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'conversations.db');
    const db = new Database(file);
    db.exec('CREATE TABLE conversations (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, updated_at INTEGER NOT NULL)');
    db.pragma('user_version = 1');
    const history = Array.from({ length: 30 }, (_, i) => ({ role: i % 2 ? 'bot' : 'user', text: `line ${i}`, at: 1000 + i, turnId: `t${Math.floor(i / 2)}` }));
    const processed = [{ id: 't14', events: [{ type: 'text-end', messageId: 'm', text: 'line 29' }] }];
    db.prepare('INSERT INTO conversations VALUES (?, 3, ?, 5000)').run('old', JSON.stringify({ schema: 1, dialogue: { version: 2, value: 'listening', context: {} }, history, processed }));
    db.close();
    const store = createSqliteStore({ file });
    try {
      expect((await store.transcript('old', { afterSeq: 0, limit: 500 })).map((l) => l.text)).toEqual(history.map((h) => h.text));
      expect(await store.acceptTurn({ id: 't14', conversationId: 'old', user: { id: 'u', verified: false }, channel: 'rest', text: 'x', locale: 'en', timestamp: 0 })).toMatchObject({
        status: 'done',
        result: { turnId: 't14', events: processed[0]!.events },
      });
      const state = (await store.load('old'))?.state as { schema: number; dialogue: unknown; history?: unknown; processed?: unknown };
      expect(state).toMatchObject({ schema: 2, dialogue: { value: 'listening' } });
      expect(state.history).toBeUndefined();
      expect(state.processed).toBeUndefined();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('createSqliteStore', () => {
  let dir: string;
  const opened: ConversationStore[] = [];
  const open = (file: string): ConversationStore => {
    const store = createSqliteStore({ file });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing parent directories and a WAL database with the conversations table', async () => {
    const file = join(dir, 'nested', 'deeper', 'conversations.db');
    const store = open(file);
    expect(store.provider).toBe('sqlite');
    await store.save('c1', { n: 1 }, 0);
    expect(existsSync(file)).toBe(true);

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(sqliteSchemaVersion);
      const columns = db
        .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)')
        .all('conversations');
      expect(columns).toEqual([
        { name: 'id', type: 'TEXT', notnull: 0, pk: 1 },
        { name: 'version', type: 'INTEGER', notnull: 1, pk: 0 },
        { name: 'state', type: 'TEXT', notnull: 1, pk: 0 },
        { name: 'updated_at', type: 'INTEGER', notnull: 1, pk: 0 },
      ]);
      expect(db.prepare('SELECT id, version, state FROM conversations').all()).toEqual([
        { id: 'c1', version: 1, state: '{"n":1}' },
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer schema with ConfigError, leaving it untouched', () => {
    const file = join(dir, 'future.db');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();

    expect(() => createSqliteStore({ file })).toThrow(
      expect.objectContaining({ name: 'ConfigError', key: 'file' }) as Error,
    );
    const check = new Database(file, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(99);
      expect(
        check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'conversations'").get(),
      ).toEqual({
        n: 0,
      });
    } finally {
      check.close();
    }
  });

  it('rejects invalid options with ConfigError naming the option', () => {
    const file = join(dir, 'options.db');
    expect(() => createSqliteStore({ file, busyTimeoutMs: -1 })).toThrow(
      expect.objectContaining({ name: 'ConfigError', key: 'busyTimeoutMs' }) as Error,
    );
    expect(() => createSqliteStore({ file, synchronous: 'off' as 'full' })).toThrow(
      expect.objectContaining({ name: 'ConfigError', key: 'synchronous' }) as Error,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('lets two store instances on one file see each other and conflict correctly', async () => {
    const file = join(dir, 'shared.db');
    const first = open(file);
    const second = open(file);

    expect(await first.save('c1', { by: 'first' }, 0)).toBe(1);
    expect(await second.load('c1')).toMatchObject({ version: 1, state: { by: 'first' } });
    expect(await second.save('c1', { by: 'second' }, 1)).toBe(2);

    await expect(first.save('c1', { by: 'first, stale' }, 1)).rejects.toMatchObject({
      name: 'ConversationConflictError',
      expectedVersion: 1,
      actualVersion: 2,
    });
    await expect(first.save('c1', { by: 'first, new' }, 0)).rejects.toMatchObject({ actualVersion: 2 });
    expect(await first.load('c1')).toMatchObject({ version: 2, state: { by: 'second' } });

    expect(await second.delete('c1')).toBe(true);
    expect(await first.load('c1')).toBeUndefined();
  });

  it('keeps a save whose process is SIGKILLed right after save returns', async () => {
    const file = join(dir, 'killed.db');
    const child = startStoreChild({
      file,
      conversationId: 'c1',
      expectedVersion: 0,
      state: { survived: '✓' },
      mode: 'hang',
    });
    expect(await child.next()).toMatchObject({ type: 'ready' });
    child.go();
    expect(await child.next()).toEqual({ type: 'saved', version: 1 });
    child.process.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');

    const store = open(file);
    expect(await store.load('c1')).toMatchObject({ id: 'c1', version: 1, state: { survived: '✓' } });
    expect(await store.save('c1', { after: 'kill' }, 1)).toBe(2);
  });

  it('lets exactly one of several processes win a save with the same expected version', async () => {
    const file = join(dir, 'race.db');
    const store = open(file);
    await store.save('c1', { by: 'parent' }, 0);

    const writers = ['w0', 'w1', 'w2', 'w3'];
    const children = writers.map((writer) =>
      startStoreChild({
        file,
        conversationId: 'c1',
        expectedVersion: 1,
        state: { by: writer },
        mode: 'exit',
      }),
    );
    for (const child of children) expect(await child.next()).toMatchObject({ type: 'ready' });
    for (const child of children) child.go();
    const outcomes = await Promise.all(children.map((child) => child.next()));
    await Promise.all(children.map((child) => child.exited));

    const winners = outcomes.flatMap((outcome, index) => (outcome.type === 'saved' ? [writers[index]] : []));
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.type === 'saved')).toEqual([{ type: 'saved', version: 2 }]);
    expect(outcomes.filter((outcome) => outcome.type === 'conflict')).toEqual(
      Array.from({ length: writers.length - 1 }, () => ({ type: 'conflict', actualVersion: 2 })),
    );
    expect(await store.load('c1')).toMatchObject({ version: 2, state: { by: winners[0] } });
  });
});
