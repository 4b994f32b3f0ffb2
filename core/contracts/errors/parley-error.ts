/** Options every parley error carries. */
export interface ParleyErrorOptions {
  /** Whether trying the same operation again may succeed. */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * Base of every error parley throws. `name` is stable and identifies the kind; check it (or the
 * `isParleyError` marker) rather than `instanceof`, which fails across package copies.
 */
export class ParleyError extends Error {
  readonly isParleyError = true;
  readonly retryable: boolean;

  constructor(name: string, message: string, options: ParleyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = name;
    this.retryable = options.retryable ?? false;
  }
}

/** True for any error thrown by parley, whichever copy of the package threw it. */
export function isParleyError(error: unknown): error is ParleyError {
  return typeof error === 'object' && error !== null && (error as { isParleyError?: unknown }).isParleyError === true;
}
