/** A conversation's persisted record as a store returns it. */
export interface StoredConversation {
  id: string;
  /** Increases by one on every save; 0 is never stored (it means "new"). Acts as the eTag. */
  version: number;
  /** The JSON-serialisable state (dialogue snapshot and conversation data). */
  state: unknown;
  /** Milliseconds since the epoch of the last save. */
  updatedAt: number;
}

/**
 * Where conversations live between turns. Implementations: memory, SQLite (the embedded default), Redis.
 * All pass `test/core/stores/conversation-store-contract.ts`.
 */
export interface ConversationStore {
  /** Implementation id, e.g. "memory", "sqlite". */
  readonly provider: string;
  /** The stored record, or `undefined` when there is none. The state is a fresh copy on every call. */
  load(conversationId: string): Promise<StoredConversation | undefined>;
  /**
   * Stores `state` if the stored version is still `expectedVersion` (0 for a conversation not stored yet)
   * and returns the new version. Throws `ConversationConflictError` otherwise, leaving what is stored as it was.
   * Throws `InputError` (field `state`) when `state` cannot be serialised as JSON (a BigInt, a cycle), and
   * (field `conversationId` / `expectedVersion`) for an empty id or a version that is not an integer >= 0;
   * nothing stored changes then either.
   */
  save(conversationId: string, state: unknown, expectedVersion: number): Promise<number>;
  /** Removes the conversation; true when there was one. */
  delete(conversationId: string): Promise<boolean>;
  /** Releases files and connections. Further calls fail with `StoreClosedError`; closing again does nothing. */
  close(): Promise<void>;
}
