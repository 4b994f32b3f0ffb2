export type { ConversationStore, StoredConversation } from '../contracts/conversation-store.ts';
export { createMemoryStore, defaultMemoryStoreOptions, type MemoryStoreOptions } from './memory-store.ts';
export { createSqliteStore, defaultSqliteStoreOptions, type SqliteStoreOptions } from './sqlite-store.ts';
export { StoreClosedError } from '../contracts/errors/store-closed-error.ts';
export { createRedisStore, defaultRedisStoreOptions, type RedisStoreOptions } from './redis-store.ts';
export { type OpenSqliteFileOptions, openSqliteFile } from './open-sqlite-file.ts';
