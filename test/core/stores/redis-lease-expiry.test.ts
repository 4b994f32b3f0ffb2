import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserTurn } from '../../../core/contracts/user-turn.ts';
import { createBot } from '../../../core/create-bot.ts';
import { createRedisStore } from '../../../core/stores/redis-store.ts';
import { defineSkill } from '../../../skills/define-skill.ts';
import { keywordClassifier } from '../../support/keyword-classifier.ts';
import { type RedisServer, startRedisServer } from '../../support/redis-server.ts';

const skill = defineSkill({ name: 'greet', intents: { hello: { examples: ['hello'], response: 'Hello!' } } });
const classifier = keywordClassifier([{ keyword: 'hello', ranking: [['hello', 0.95]] }]);

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.destroy();
});

const turn: UserTurn = { id: 't1', conversationId: 'c1', user: { id: 'u', verified: false }, channel: 'rest', text: 'hello', locale: 'en', timestamp: 0 };

describe('a node on another host dies holding a conversation (Redis store)', () => {
  it('another node finishes its turn once the lease has expired, and the dead node can no longer write', { timeout: 30_000 }, async () => {
    const leaseTtlMs = 1500;
    // The dead node: it accepted the turn and took the lease, then stopped (a host that vanished: no pid to check).
    const dead = createRedisStore({ url: redis.url });
    expect(await dead.acceptTurn(turn)).toEqual({ status: 'new' });
    const deadLease = (await dead.acquireLease('c1', 'other-host:4242:gone', leaseTtlMs))!;
    const diedAt = Date.now();

    const bot = await createBot({
      skills: [skill],
      classifier,
      store: createRedisStore({ url: redis.url }),
      nodeId: 'this-host:1:alive',
      leaseTtlMs,
      leaseWaitMs: 10_000,
      recoverPendingTurns: false,
    });
    try {
      const result = await bot.handle(turn);
      const waitedMs = Date.now() - diedAt;
      console.info(`a dead node's turn finished by another node ${waitedMs} ms after it died (lease ${leaseTtlMs} ms)`);
      expect(result).toMatchObject({ status: 'completed', turnId: 't1' });
      expect(waitedMs).toBeGreaterThanOrEqual(leaseTtlMs - 50);
      expect((await bot.history('c1')).map((l) => [l.role, l.text])).toEqual([
        ['user', 'hello'],
        ['bot', 'Hello!'],
      ]);
      // The dead node comes back and tries to write under its old lease: refused.
      await expect(
        dead.commitTurn({ conversationId: 'c1', expectedVersion: 0, state: { stale: true }, results: [], lines: [], lease: deadLease }),
      ).rejects.toMatchObject({ name: 'LeaseLostError' });
      await expect(dead.beginEffect({ key: 'k', conversationId: 'c1', turnId: 't1', command: 'x', args: {}, lease: deadLease })).rejects.toMatchObject({
        name: 'LeaseLostError',
      });
      expect(await bot.handle(turn)).toMatchObject({ status: 'duplicate', turnId: 't1' });
    } finally {
      await bot.close();
      await dead.close();
    }
  });
});
