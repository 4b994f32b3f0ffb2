import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../../core/contracts/conversation-store.ts';
import { createRedisStore } from '../../../core/stores/redis-store.ts';
import { type RedisServer, startRedisServer } from '../../support/redis-server.ts';
import { describeConversationStoreContract } from './conversation-store-contract.ts';
import { describeTurnStoreContract } from './turn-store-contract.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.destroy();
});

let harnesses = 0;
/** Each test gets its own key prefix on the one server, so tests start empty and never see each other's keys. */
const redisHarness = async ({ now }: { now: () => number }) => {
  harnesses += 1;
  const keyPrefix = `test-${harnesses}:`;
  const store = createRedisStore({ url: redis.url, keyPrefix, now });
  return {
    store,
    reopen: async () => createRedisStore({ url: redis.url, keyPrefix, now }),
    cleanup: () => store.close(),
  };
};

describeConversationStoreContract('redis', redisHarness, { durable: true });
describeTurnStoreContract('redis', redisHarness, { durable: true });

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createRedisStore across connections (two nodes)', () => {
  const opened: ConversationStore[] = [];
  const open = (keyPrefix: string, now: () => number = Date.now) => {
    const store = createRedisStore({ url: redis.url, keyPrefix, now });
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of opened) await store.close();
  });

  it('1,000 write races of two writers on their own connections: one winner each, no update lost', { timeout: 60_000 }, async () => {
    const [a, b] = [open('races:'), open('races:')];
    const writers = [
      { name: 'a', store: a },
      { name: 'b', store: b },
    ];
    await a.save('counter', { count: 0, by: { a: 0, b: 0 } }, 0);
    type Counter = { count: number; by: Record<string, number> };
    const increment = (state: Counter, name: string): Counter => ({ count: state.count + 1, by: { ...state.by, [name]: state.by[name]! + 1 } });
    const races = 1000;
    let winners = 0;
    let conflicts = 0;
    const wins = { a: 0, b: 0 } as Record<string, number>;
    for (let race = 0; race < races; race += 1) {
      // Both read the same version, then both write at once.
      const loaded = await Promise.all(writers.map((w) => w.store.load('counter')));
      const outcomes = await Promise.allSettled(
        writers.map((w, i) => w.store.save('counter', increment(loaded[i]!.state as Counter, w.name), loaded[i]!.version)),
      );
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [writers[i]!.name] : []));
      expect(won, `race ${race + 1}`).toHaveLength(1);
      winners += won.length;
      wins[won[0]!]! += 1;
      for (const [i, o] of outcomes.entries()) {
        if (o.status === 'fulfilled') continue;
        conflicts += 1;
        expect(o.reason).toMatchObject({ name: 'ConversationConflictError', actualVersion: loaded[i]!.version + 1 });
        // The loser reads again and applies its update on top of the winner's.
        const again = (await writers[i]!.store.load('counter'))!;
        await writers[i]!.store.save('counter', increment(again.state as Counter, writers[i]!.name), again.version);
      }
    }
    const final = (await a.load('counter'))!;
    const lost = 2 * races - (final.state as Counter).count;
    console.info(`redis write races: ${races} races × 2 writers, ${winners} winners, ${conflicts} conflicts, ${lost} lost updates (wins a ${wins.a}, b ${wins.b})`);
    expect(winners).toBe(races);
    expect(conflicts).toBe(races);
    expect(final.state).toEqual({ count: 2 * races, by: { a: races, b: races } });
    expect(final.version).toBe(1 + 2 * races);
    expect(lost).toBe(0);
  });

  it("fences a node whose lease expired: the other node takes it with a higher token and the first one's writes are refused", async () => {
    let time = 1_700_000_000_000;
    const [nodeA, nodeB] = [open('fence:', () => time), open('fence:', () => time)];
    const a = (await nodeA.acquireLease('c1', 'node-a', 1000))!;
    expect(await nodeB.acquireLease('c1', 'node-b', 1000)).toBeUndefined();
    expect(await nodeB.leaseHolder('c1')).toBe('node-a');
    time += 1001;
    const b = (await nodeB.acquireLease('c1', 'node-b', 1000))!;
    expect(b.token).toBe(a.token + 1);
    const commit = (lease: typeof a, text: string) =>
      ({ conversationId: 'c1', expectedVersion: 0, state: { by: text }, results: [], lines: [{ role: 'user' as const, text, at: time, turnId: text }], lease });
    expect(await rejectionOf(nodeA.commitTurn(commit(a, 'from a')))).toMatchObject({ name: 'LeaseLostError', retryable: true });
    expect(await rejectionOf(nodeA.beginEffect({ key: 'k', conversationId: 'c1', turnId: 't', command: 'x', args: {}, lease: a }))).toMatchObject({ name: 'LeaseLostError' });
    expect(await nodeB.commitTurn(commit(b, 'from b'))).toBe(1);
    expect((await nodeA.transcript('c1', { afterSeq: 0, limit: 10 })).map((l) => l.text)).toEqual(['from b']);
  });

  it('fails fast and retryably while Redis is down, and works again on the same store once it is back, nothing lost', { timeout: 60_000 }, async () => {
    const store = open('outage:');
    await store.save('kept', { n: 1 }, 0);
    await redis.stop();
    try {
      const started = Date.now();
      expect(await rejectionOf(store.save('kept', { n: 2 }, 1))).toMatchObject({ name: 'StoreUnavailableError', retryable: true });
      const probe = await rejectionOf(store.probe());
      expect(probe).toMatchObject({ name: 'StoreUnavailableError' });
      expect((probe as Error).message).toContain(`Redis at 127.0.0.1:${redis.port} is unreachable`);
      expect(await rejectionOf(store.acceptTurn({ id: 't1', conversationId: 'kept', user: { id: 'u', verified: false }, channel: 'rest', text: 'hi', locale: 'en', timestamp: 0 }))).toMatchObject({
        name: 'StoreUnavailableError',
      });
      // Well under the 5 s command timeout: a refused connection is reported, not waited out.
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await redis.restart();
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await store.probe().then(
        () => true,
        () => false,
      );
      if (ok || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await store.load('kept')).toMatchObject({ version: 1, state: { n: 1 } });
    expect(await store.save('kept', { n: 2 }, 1)).toBe(2);
  });

  it('refuses a URL that is not redis:// with ConfigError', () => {
    expect(() => createRedisStore({ url: 'http://localhost:6379' })).toThrow(expect.objectContaining({ name: 'ConfigError' }) as Error);
    expect(() => createRedisStore({ url: redis.url, commandTimeoutMs: 0 })).toThrow(expect.objectContaining({ name: 'ConfigError', key: 'commandTimeoutMs' }) as Error);
  });
});
