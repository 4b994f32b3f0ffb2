import type { AttemptRecord, AttemptStore } from './attempt-store.ts';

/** An {@link AttemptStore} in memory: for tests and single-process demos (counts are lost on restart). */
export function createMemoryAttemptStore(): AttemptStore {
  const records = new Map<string, AttemptRecord>();
  return {
    async get(key) {
      return records.get(key);
    },
    async set(key, record) {
      if (record) records.set(key, { ...record });
      else records.delete(key);
    },
  };
}
