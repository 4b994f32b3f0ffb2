import { ParleyError } from './parley-error.ts';

/**
 * The conversation store could not take a write or a read the turn needed (disk full, read-only file,
 * lost connection). Retryable: nothing of the turn is acknowledged as done, so the client sends it again.
 * `operation` names what failed ("accept", "journal", "commit"...); `cause` is the driver's error.
 */
export class StoreUnavailableError extends ParleyError {
  constructor(
    readonly provider: string,
    readonly operation: string,
    cause: unknown,
  ) {
    super('StoreUnavailableError', `the ${provider} conversation store failed to ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { retryable: true, cause });
  }
}

/** True for a {@link StoreUnavailableError} from any copy of the package. */
export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'StoreUnavailableError';
}
