import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import { StoreUnavailableError } from '../../core/contracts/errors/store-unavailable-error.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import { createLeasedTurnProcessor } from '../../core/leased-turn-processor.ts';
import { createMemoryStore, createRedisStore } from '../../core/stores/index.ts';
import type { TurnOutcome } from '../../core/turn-runner.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';

/**
 * Two processes (two processors with their own owner ids) sharing one store. A store call may fail without an
 * answer after the store ran it (Redis stopping after it executed a script, before its reply went out): the
 * process that took a lease that way must not keep the other process waiting for it.
 */

const leaseTtlMs = 20_000;
/** Far below the lease time: a lease left behind shows as the second process giving up with LeaseLostError. */
const leaseWaitMs = 8_000;

let redis: RedisServer | undefined;
const stores: ConversationStore[] = [];
beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: false });
}, 60_000);
afterAll(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await redis?.destroy();
});

const storeKinds: Record<string, () => ConversationStore> = {
  memory: () => createMemoryStore(),
  redis: () => createRedisStore({ url: redis!.url, keyPrefix: `lease-test-${Math.random().toString(36).slice(2)}:` }),
};

/** What the next `acquireLease` calls do after running in the store: fail as if the reply was lost, or answer late. */
type AcquireFault = { lose: true } | { answerAfterMs: number };

/** `store` whose next `acquireLease` calls run in the store and then behave as the queued faults say. */
function faultyAcquire(store: ConversationStore): { store: ConversationStore; next: (...faults: AcquireFault[]) => void } {
  const faults: AcquireFault[] = [];
  return {
    next: (...more) => {
      faults.push(...more);
    },
    store: {
      ...store,
      acquireLease: async (conversationId, owner, ttlMs) => {
        const lease = await store.acquireLease(conversationId, owner, ttlMs);
        const fault = faults.shift();
        if (fault && 'lose' in fault) throw new StoreUnavailableError(store.provider, 'take a lease', new Error('Connection is closed.'));
        if (fault) await new Promise((resolve) => setTimeout(resolve, fault.answerAfterMs));
        return lease;
      },
    },
  };
}

/** A turn runner that commits a counter state, after `delayMs` of work. */
function countingRunner(store: ConversationStore, delayMs = 0) {
  return async (turns: readonly UserTurn[]): Promise<TurnOutcome> => {
    const turn = turns.at(-1)!;
    const loaded = await store.load(turn.conversationId);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const count = ((loaded?.state as { count?: number } | undefined)?.count ?? 0) + 1;
    const result = { turnId: turn.id, conversationId: turn.conversationId, status: 'completed' as const, events: [] };
    return {
      result,
      commit: { conversationId: turn.conversationId, expectedVersion: loaded?.version ?? 0, state: { count }, results: [result], lines: [] },
      timings: { loadMs: 0, runMs: 0 },
      route: 'classifier',
      dialogueState: 'idle',
    };
  };
}

function processor(store: ConversationStore, nodeId: string, options: { now?: () => number; leaseLingerMs?: number; delayMs?: number } = {}) {
  return createLeasedTurnProcessor({
    store,
    runTurns: countingRunner(store, options.delayMs),
    log: pino({ level: 'silent' }),
    nodeId,
    leaseTtlMs,
    leaseWaitMs,
    leaseLingerMs: options.leaseLingerMs ?? 0,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: options.now ?? (() => Date.now()),
    isOwnerDead: () => false,
  });
}

function turnOf(conversationId: string, id: string): UserTurn {
  return { id, conversationId, user: { id: 'u1', verified: false }, channel: 'rest', text: 'hello', locale: 'en', timestamp: Date.now() };
}

const run = (p: ReturnType<typeof processor>, turn: UserTurn) => p.processTurns([turn], new AbortController().signal, () => undefined);

describe.each(Object.keys(storeKinds))('leases whose taking failed without an answer (%s store)', (kind) => {
  it('a lease taken by a call that failed is given back once the store answers, so another process need not wait for it', {
    timeout: 60_000,
  }, async () => {
    const shared = storeKinds[kind]!();
    stores.push(shared);
    const faulty = faultyAcquire(shared);
    const a = processor(faulty.store, 'node-a');
    const b = processor(shared, 'node-b');
    faulty.next({ lose: true });
    await expect(run(a, turnOf('c1', 't1'))).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    // The client sends the turn again, to the other process.
    await expect(run(b, turnOf('c1', 't1'))).resolves.toMatchObject({ status: 'completed', turnId: 't1' });
    expect((await shared.load('c1'))?.state).toEqual({ count: 1 });
  });

  it('a lease kept after a turn is given back when renewing it for the next turn fails', { timeout: 60_000 }, async () => {
    const shared = storeKinds[kind]!();
    stores.push(shared);
    const faulty = faultyAcquire(shared);
    let skewMs = 0;
    // A keeps its lease after each turn (as on SQLite); its clock jumps so that the kept lease needs renewing.
    const a = processor(faulty.store, 'node-a', { leaseLingerMs: 60_000, now: () => Date.now() + skewMs });
    const b = processor(shared, 'node-b');
    await expect(run(a, turnOf('c2', 't1'))).resolves.toMatchObject({ status: 'completed' });
    skewMs = leaseTtlMs * 0.6;
    faulty.next({ lose: true });
    await expect(run(a, turnOf('c2', 't2'))).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    await expect(run(b, turnOf('c2', 't2'))).resolves.toMatchObject({ status: 'completed', turnId: 't2' });
    expect((await shared.load('c2'))?.state).toEqual({ count: 2 });
  });

  it('a lease the process is taking again meanwhile is not given back under its turn', { timeout: 60_000 }, async () => {
    const shared = storeKinds[kind]!();
    stores.push(shared);
    const faulty = faultyAcquire(shared);
    const a = processor(faulty.store, 'node-a');
    faulty.next({ lose: true });
    await expect(run(a, turnOf('c3', 't1'))).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    // The retry's taking is still waiting for its answer when the failed one is cleaned up; its commit checks the lease.
    faulty.next({ answerAfterMs: 1_000 });
    await expect(run(a, turnOf('c3', 't1'))).resolves.toMatchObject({ status: 'completed', turnId: 't1' });
    expect((await shared.load('c3'))?.state).toEqual({ count: 1 });
  });

  it('a release still retried after an outage does not give back the lease a new turn of the process holds', { timeout: 60_000 }, async () => {
    const shared = storeKinds[kind]!();
    stores.push(shared);
    let failReleases = 1;
    const flaky: ConversationStore = {
      ...shared,
      releaseLease: async (lease) => {
        if (failReleases > 0) {
          failReleases -= 1;
          throw new StoreUnavailableError(shared.provider, 'release a lease', new Error('Connection is closed.'));
        }
        return shared.releaseLease(lease);
      },
    };
    // The next turn takes the same lease again (same owner) and is still running when the release is retried.
    const a = processor(flaky, 'node-a', { delayMs: 1_000 });
    await expect(run(a, turnOf('c4', 't1'))).resolves.toMatchObject({ status: 'completed' });
    // Its lease is given back (and that fails) before the next turn arrives.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failReleases).toBe(0);
    await expect(run(a, turnOf('c4', 't2'))).resolves.toMatchObject({ status: 'completed', turnId: 't2' });
    expect((await shared.load('c4'))?.state).toEqual({ count: 2 });
  });
});
