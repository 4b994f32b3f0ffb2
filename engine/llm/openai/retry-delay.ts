/** What {@link retryDelay} needs to know about a failed attempt and the backoff settings. */
export interface RetryDelayInput {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** The answer's `Retry-After` header (seconds or an HTTP date), if any. */
  retryAfter?: string | null;
  /** The answer's `retry-after-ms` header (OpenAI's), if any. */
  retryAfterMs?: string | null;
  initialRetryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
  /** Uniform float in [0, 1). */
  random: () => number;
  /** Milliseconds since the epoch, for an HTTP date. */
  wallClock: () => number;
}

/** Milliseconds a `Retry-After` / `retry-after-ms` pair asks for, or undefined when neither is readable. */
export function parseRetryAfter(retryAfter: string | null | undefined, retryAfterMs: string | null | undefined, wallClock: () => number): number | undefined {
  if (retryAfterMs && /^\s*\d+(\.\d+)?\s*$/.test(retryAfterMs)) return Number(retryAfterMs);
  if (!retryAfter) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - wallClock());
}

/**
 * How long to wait before the next attempt: what the server asked for (`Retry-After`, honoured exactly), else
 * exponential backoff from `initialRetryDelayMs` with equal jitter, at most `maxRetryDelayMs`. Undefined when
 * the server asks for longer than `maxRetryAfterMs`: then waiting is not worth it and the error surfaces.
 */
export function retryDelay(input: RetryDelayInput): number | undefined {
  const asked = parseRetryAfter(input.retryAfter, input.retryAfterMs, input.wallClock);
  if (asked !== undefined) return asked > input.maxRetryAfterMs ? undefined : asked;
  const ceiling = Math.min(input.maxRetryDelayMs, input.initialRetryDelayMs * 2 ** (input.attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * input.random());
}
