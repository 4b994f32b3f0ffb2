import { ConversationConflictError } from '../contracts/errors/conversation-conflict-error.ts';
import type { ConversationStore, StoredConversation } from '../contracts/conversation-store.ts';
import { serializeState } from './serialize-state.ts';
import { StoreClosedError } from '../contracts/errors/store-closed-error.ts';
import { validateConversationId, validateExpectedVersion } from './validate-store-input.ts';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Clock for `updatedAt`, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link MemoryStoreOptions}. */
export const defaultMemoryStoreOptions: Required<MemoryStoreOptions> = {
  now: () => Date.now(),
};

interface MemoryRecord {
  version: number;
  /** State as JSON text: a deep copy that callers cannot mutate, serialised exactly as SQLite would. */
  json: string;
  updatedAt: number;
}

/**
 * A {@link ConversationStore} that keeps conversations in this process's memory (provider "memory").
 * For tests and single-process development: everything is lost when the process exits.
 *
 * @example
 * const store = createMemoryStore();
 * const version = await store.save('c1', { step: 'greet' }, 0); // 1
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const now = options.now ?? defaultMemoryStoreOptions.now;
  const records = new Map<string, MemoryRecord>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError('memory');
  };

  return {
    provider: 'memory',

    async load(conversationId: string): Promise<StoredConversation | undefined> {
      assertOpen();
      validateConversationId(conversationId);
      const record = records.get(conversationId);
      if (record === undefined) return undefined;
      return {
        id: conversationId,
        version: record.version,
        state: JSON.parse(record.json),
        updatedAt: record.updatedAt,
      };
    },

    async save(conversationId: string, state: unknown, expectedVersion: number): Promise<number> {
      assertOpen();
      validateConversationId(conversationId);
      validateExpectedVersion(conversationId, expectedVersion);
      const json = serializeState(conversationId, state);
      const actualVersion = records.get(conversationId)?.version ?? 0;
      if (actualVersion !== expectedVersion) {
        throw new ConversationConflictError(conversationId, expectedVersion, actualVersion);
      }
      const version = actualVersion + 1;
      records.set(conversationId, { version, json, updatedAt: now() });
      return version;
    },

    async delete(conversationId: string): Promise<boolean> {
      assertOpen();
      validateConversationId(conversationId);
      return records.delete(conversationId);
    },

    async close(): Promise<void> {
      closed = true;
      records.clear();
    },
  };
}
