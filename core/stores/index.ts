export type { ConversationStore, StoredConversation } from './conversation-store.ts';
export { createMemoryStore, defaultMemoryStoreOptions, type MemoryStoreOptions } from './memory-store.ts';
export { createSqliteStore, defaultSqliteStoreOptions, type SqliteStoreOptions } from './sqlite-store.ts';
export { StoreClosedError } from './store-closed-error.ts';
