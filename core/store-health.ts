import type { HealthReport } from './contracts/turn-handler.ts';
import type { ConversationStore } from './contracts/conversation-store.ts';

/** Tracks whether the store takes writes; see {@link createStoreHealth}. */
export interface StoreHealth {
  /** Records a failed store operation (its message is the reason reported). */
  failed(error: unknown): void;
  /** A probe write now: `ok`, or `degraded` with the reason it failed. */
  check(): Promise<HealthReport>;
}

/** Health of a bot's store, as `/healthz` reports it: a probe write on every check, the last failure remembered. */
export function createStoreHealth(store: ConversationStore): StoreHealth {
  let lastFailure: string | undefined;
  return {
    failed(error) {
      lastFailure = error instanceof Error ? error.message : String(error);
    },
    async check() {
      try {
        await store.probe();
        lastFailure = undefined;
        return { status: 'ok' };
      } catch (error) {
        lastFailure = error instanceof Error ? error.message : String(error);
        return { status: 'degraded', reason: lastFailure };
      }
    },
  };
}
