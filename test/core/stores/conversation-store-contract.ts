import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../../core/stores/index.ts';

/** What a contract run hands the factory: the clock the store must use for `updatedAt`. */
export interface ConversationStoreContext {
  /** Fake clock, milliseconds since the epoch; tests move it and expect `updatedAt` to follow. */
  now: () => number;
}

/** A store under test, plus how to reopen its data and how to clean up after it. */
export interface ConversationStoreHarness {
  store: ConversationStore;
  /**
   * Opens the same data again (same file, same server). Called after `store.close()`; omit it for a store
   * that keeps nothing beyond its lifetime. The contract closes the reopened store itself.
   */
  reopen?: () => Promise<ConversationStore>;
  /** Releases everything (closes `store` if still open, removes temp files). */
  cleanup: () => Promise<void>;
}

const startTime = 1_700_000_000_000;

const oddIds = [
  'a/b/c',
  '../../etc/passwd',
  'quote\'s "double" `back`',
  "'; DROP TABLE conversations; --",
  'percent % under_score * star ? question',
  'spaces and\ttab\nnewline',
  'émoji 🤖 中文 עברית',
  'back\\slash',
  'nul\u0000byte',
  'x'.repeat(2000),
];

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function cyclicState(): Record<string, unknown> {
  const state: Record<string, unknown> = { step: 'loop' };
  state['self'] = state;
  return state;
}

/**
 * Defines the tests every {@link ConversationStore} implementation must pass, under the label `name`.
 * `makeStore` is called before each test with a fake clock and returns a fresh, empty store.
 *
 * @example
 * describeConversationStoreContract('memory', async ({ now }) => {
 *   const store = createMemoryStore({ now });
 *   return { store, cleanup: () => store.close() };
 * });
 */
export function describeConversationStoreContract(
  name: string,
  makeStore: (context: ConversationStoreContext) => Promise<ConversationStoreHarness>,
  options: { durable: boolean },
): void {
  describe(`${name} conversation store contract`, () => {
    let harness: ConversationStoreHarness;
    let store: ConversationStore;
    let time: number;

    beforeEach(async () => {
      time = startTime;
      harness = await makeStore({ now: () => time });
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('names its provider', () => {
      expect(store.provider).toMatch(/^[a-z][a-z0-9-]*$/);
    });

    it('loads undefined for an unknown id', async () => {
      expect(await store.load('nobody')).toBeUndefined();
    });

    it('saves a new conversation at version 1 with updatedAt from the injected clock', async () => {
      time = startTime + 1234;
      expect(await store.save('c1', { step: 'greet', slots: { name: 'Ada' } }, 0)).toBe(1);
      time = startTime + 9999;
      expect(await store.load('c1')).toEqual({
        id: 'c1',
        version: 1,
        state: { step: 'greet', slots: { name: 'Ada' } },
        updatedAt: startTime + 1234,
      });
    });

    it('increments the version on each save with the current version', async () => {
      expect(await store.save('c1', { n: 1 }, 0)).toBe(1);
      time += 1000;
      expect(await store.save('c1', { n: 2 }, 1)).toBe(2);
      time += 1000;
      expect(await store.save('c1', { n: 3 }, 2)).toBe(3);
      expect(await store.load('c1')).toEqual({
        id: 'c1',
        version: 3,
        state: { n: 3 },
        updatedAt: startTime + 2000,
      });
    });

    it('round-trips JSON values exactly', async () => {
      const state = {
        text: 'héllo "world" \\ \n 🤖',
        numbers: [0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER],
        flags: [true, false, null],
        nested: { empty: {}, list: [[], [{ deep: ['x'] }]] },
      };
      await store.save('c1', state, 0);
      expect((await store.load('c1'))?.state).toEqual(state);
      await store.save('c2', 'just a string', 0);
      expect((await store.load('c2'))?.state).toBe('just a string');
      await store.save('c3', null, 0);
      expect((await store.load('c3'))?.state).toBeNull();
    });

    it('rejects a stale version with ConversationConflictError and keeps what is stored', async () => {
      await store.save('c1', { n: 1 }, 0);
      time += 1000;
      await store.save('c1', { n: 2 }, 1);
      time += 1000;
      const error = await rejectionOf(store.save('c1', { n: 'stale' }, 1));
      expect(error).toMatchObject({
        name: 'ConversationConflictError',
        isParleyError: true,
        retryable: true,
        conversationId: 'c1',
        expectedVersion: 1,
        actualVersion: 2,
      });
      expect(await store.load('c1')).toEqual({
        id: 'c1',
        version: 2,
        state: { n: 2 },
        updatedAt: startTime + 1000,
      });
    });

    it('rejects saving a new conversation (expected 0) when one exists', async () => {
      await store.save('c1', { n: 1 }, 0);
      const error = await rejectionOf(store.save('c1', { n: 'again' }, 0));
      expect(error).toMatchObject({
        name: 'ConversationConflictError',
        expectedVersion: 0,
        actualVersion: 1,
      });
      expect((await store.load('c1'))?.state).toEqual({ n: 1 });
    });

    it('rejects an update of a conversation that does not exist (actual version 0)', async () => {
      const error = await rejectionOf(store.save('ghost', { n: 1 }, 3));
      expect(error).toMatchObject({
        name: 'ConversationConflictError',
        expectedVersion: 3,
        actualVersion: 0,
      });
      expect(await store.load('ghost')).toBeUndefined();
    });

    it('lets exactly one of concurrent saves with the same expected version win', async () => {
      await store.save('c1', { n: 0 }, 0);
      const results = await Promise.allSettled(
        ['a', 'b', 'c', 'd'].map((writer) => store.save('c1', { writer }, 1)),
      );
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result) => result.status === 'rejected');
      expect(won).toEqual([{ status: 'fulfilled', value: 2 }]);
      expect(lost).toHaveLength(3);
      for (const result of lost) {
        expect(result.reason).toMatchObject({ name: 'ConversationConflictError', actualVersion: 2 });
      }
      const winner = ['a', 'b', 'c', 'd'][results.findIndex((result) => result.status === 'fulfilled')];
      expect(await store.load('c1')).toMatchObject({ version: 2, state: { writer: winner } });
    });

    it('lets exactly one of concurrent creations win', async () => {
      const results = await Promise.allSettled([
        store.save('c1', { by: 'a' }, 0),
        store.save('c1', { by: 'b' }, 0),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
      expect((await store.load('c1'))?.version).toBe(1);
    });

    it('deletes: true once, then false, and the conversation is gone', async () => {
      await store.save('c1', { n: 1 }, 0);
      await store.save('c2', { n: 2 }, 0);
      expect(await store.delete('c1')).toBe(true);
      expect(await store.delete('c1')).toBe(false);
      expect(await store.load('c1')).toBeUndefined();
      expect(await store.delete('never-saved')).toBe(false);
      expect((await store.load('c2'))?.state).toEqual({ n: 2 });
      expect(await store.save('c1', { n: 'reborn' }, 0)).toBe(1);
    });

    it('does not let mutations of the saved or the loaded object leak into the store', async () => {
      const state = { slots: { city: 'Oslo' }, history: ['hi'] };
      await store.save('c1', state, 0);
      state.slots.city = 'Paris';
      state.history.push('mutated after save');

      const loaded = await store.load('c1');
      expect(loaded?.state).toEqual({ slots: { city: 'Oslo' }, history: ['hi'] });
      const loadedState = loaded?.state as { slots: { city: string }; history: string[] };
      loadedState.slots.city = 'Rome';
      loadedState.history.length = 0;

      expect((await store.load('c1'))?.state).toEqual({ slots: { city: 'Oslo' }, history: ['hi'] });
    });

    it('handles ids with odd characters as distinct conversations', async () => {
      for (const [index, id] of oddIds.entries()) {
        expect(await store.save(id, { index }, 0)).toBe(1);
      }
      for (const [index, id] of oddIds.entries()) {
        expect(await store.load(id)).toMatchObject({ id, version: 1, state: { index } });
      }
      expect(await store.load('a')).toBeUndefined();
      expect(await store.load('nul')).toBeUndefined();
      expect(await store.delete(oddIds[0]!)).toBe(true);
      expect(await store.load(oddIds[1]!)).toMatchObject({ state: { index: 1 } });
    });

    it('keeps many conversations independent', async () => {
      const ids = Array.from({ length: 60 }, (_, index) => `conv-${index}`);
      for (const id of ids) await store.save(id, { id, turn: 1 }, 0);
      for (const id of ids.filter((_, index) => index % 3 === 0)) await store.save(id, { id, turn: 2 }, 1);
      for (const id of ids.filter((_, index) => index % 3 === 1)) await store.delete(id);
      for (const [index, id] of ids.entries()) {
        const loaded = await store.load(id);
        if (index % 3 === 0) expect(loaded).toMatchObject({ version: 2, state: { id, turn: 2 } });
        if (index % 3 === 1) expect(loaded).toBeUndefined();
        if (index % 3 === 2) expect(loaded).toMatchObject({ version: 1, state: { id, turn: 1 } });
      }
    });

    it('rejects unserialisable state with InputError naming the conversation and stores nothing', async () => {
      await store.save('c1', { n: 1 }, 0);
      time += 1000;
      for (const bad of [{ big: 10n }, cyclicState(), undefined, () => 'fn']) {
        const error = await rejectionOf(store.save('c1', bad, 1));
        expect(error).toMatchObject({
          name: 'InputError',
          field: 'state',
          isParleyError: true,
          retryable: false,
        });
        expect((error as Error).message).toContain('"c1"');
      }
      expect(await store.load('c1')).toEqual({ id: 'c1', version: 1, state: { n: 1 }, updatedAt: startTime });

      const error = await rejectionOf(store.save('fresh', { big: 1n }, 0));
      expect(error).toMatchObject({ name: 'InputError', field: 'state' });
      expect(await store.load('fresh')).toBeUndefined();
      expect(await store.save('fresh', { ok: true }, 0)).toBe(1);
    });

    it('rejects an empty id and a malformed expected version with InputError', async () => {
      expect(await rejectionOf(store.load(''))).toMatchObject({
        name: 'InputError',
        field: 'conversationId',
      });
      expect(await rejectionOf(store.save('', {}, 0))).toMatchObject({
        name: 'InputError',
        field: 'conversationId',
      });
      expect(await rejectionOf(store.delete(''))).toMatchObject({
        name: 'InputError',
        field: 'conversationId',
      });
      for (const version of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        const error = await rejectionOf(store.save('c1', {}, version));
        expect(error).toMatchObject({ name: 'InputError', field: 'expectedVersion' });
      }
      expect(await store.load('c1')).toBeUndefined();
    });

    it('fails calls after close with StoreClosedError, and closing twice is harmless', async () => {
      await store.save('c1', { n: 1 }, 0);
      await store.close();
      await store.close();
      for (const call of [store.load('c1'), store.save('c1', {}, 1), store.delete('c1')]) {
        expect(await rejectionOf(call)).toMatchObject({ name: 'StoreClosedError', provider: store.provider });
      }
    });

    if (options.durable) it('keeps data across close and reopen', async () => {
      const { reopen } = harness;
      if (reopen === undefined) throw new Error('a durable store harness must provide reopen()');
      await store.save('c1', { n: 1 }, 0);
      time += 1000;
      await store.save('c1', { n: 2 }, 1);
      await store.save('🤖/odd', { n: 'odd' }, 0);
      await store.save('gone', { n: 'gone' }, 0);
      await store.delete('gone');
      await store.close();

      const reopened = await reopen();
      try {
        expect(await reopened.load('c1')).toEqual({
          id: 'c1',
          version: 2,
          state: { n: 2 },
          updatedAt: startTime + 1000,
        });
        expect((await reopened.load('🤖/odd'))?.state).toEqual({ n: 'odd' });
        expect(await reopened.load('gone')).toBeUndefined();
        expect(await rejectionOf(reopened.save('c1', { n: 'stale' }, 1))).toMatchObject({
          name: 'ConversationConflictError',
          actualVersion: 2,
        });
        expect(await reopened.save('c1', { n: 3 }, 2)).toBe(3);
      } finally {
        await reopened.close();
      }
    });
  });
}
