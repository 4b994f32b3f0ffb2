import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../core/stores/index.ts';
import { describeConversationStoreContract } from './conversation-store-contract.ts';
import { describeTurnStoreContract } from './turn-store-contract.ts';

const memoryHarness = async ({ now }: { now: () => number }) => {
  const store = createMemoryStore({ now });
  return { store, cleanup: () => store.close() };
};
describeConversationStoreContract('memory', memoryHarness, { durable: false });
describeTurnStoreContract('memory', memoryHarness, { durable: false });

describe('createMemoryStore', () => {
  it('uses Date.now when no clock is given', async () => {
    const store = createMemoryStore();
    expect(store.provider).toBe('memory');
    const before = Date.now();
    await store.save('c1', {}, 0);
    const updatedAt = (await store.load('c1'))?.updatedAt ?? 0;
    expect(updatedAt).toBeGreaterThanOrEqual(before);
    expect(updatedAt).toBeLessThanOrEqual(Date.now());
  });

  it('keeps separate stores separate', async () => {
    const first = createMemoryStore();
    const second = createMemoryStore();
    await first.save('c1', { in: 'first' }, 0);
    expect(await second.load('c1')).toBeUndefined();
  });
});
