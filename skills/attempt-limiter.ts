import type { AttemptRecord, AttemptStore } from './attempt-store.ts';

/** How many failures a key may have before it is locked, and for how long. */
export interface AttemptLimit {
  /** Failures within `windowMs` that lock the key. Default 5. */
  maxFailures: number;
  /** Window the failures are counted in, in milliseconds. Default 900000 (15 minutes). */
  windowMs: number;
  /** How long a locked key stays locked, in milliseconds. Default 900000 (15 minutes). */
  lockMs: number;
}

/** The defaults of {@link AttemptLimit}: 5 failures in 15 minutes lock for 15 minutes. */
export const defaultAttemptLimit: AttemptLimit = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Whether a key may be tried now, and if not, for how many milliseconds it stays locked. */
export type AttemptStatus = { locked: false; remaining: number } | { locked: true; retryAfterMs: number };

/** Options of {@link createAttemptLimiter}. */
export interface AttemptLimiterOptions {
  store: AttemptStore;
  /** Unset fields keep {@link defaultAttemptLimit}'s. */
  limit?: Partial<AttemptLimit>;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Counts failed attempts per key (wrong e-mails, unknown order numbers) and locks a key that has too many. */
export interface AttemptLimiter {
  readonly limit: AttemptLimit;
  /** Where `key` stands; does not count anything. */
  status(key: string): Promise<AttemptStatus>;
  /** Counts a failure of `key` and returns where it stands after it (locked on the failure that reaches the limit). */
  fail(key: string): Promise<AttemptStatus>;
  /** Forgets the failures of `key` (after a success). */
  reset(key: string): Promise<void>;
}

/**
 * A limiter of failed attempts, for the proof steps of skills: after `maxFailures` failures within `windowMs` the
 * key is locked for `lockMs`, and {@link AttemptLimiter.status} says so until then.
 *
 * @example
 * const emails = createAttemptLimiter({ store, limit: { maxFailures: 5 } });
 * if ((await emails.status(`${ctx.conversationId}:${orderId}`)).locked) return { allowed: false, reason: 'Try later.' };
 */
export function createAttemptLimiter(options: AttemptLimiterOptions): AttemptLimiter {
  const limit: AttemptLimit = { ...defaultAttemptLimit, ...options.limit };
  const now = options.now ?? Date.now;
  const statusOf = (record: AttemptRecord | undefined, at: number): AttemptStatus => {
    if (record && record.lockedUntil > at) return { locked: true, retryAfterMs: record.lockedUntil - at };
    const counted = record && at - record.windowStart < limit.windowMs ? record.failures : 0;
    return { locked: false, remaining: Math.max(0, limit.maxFailures - counted) };
  };
  return {
    limit,
    async status(key) {
      return statusOf(await options.store.get(key), now());
    },
    async fail(key) {
      const at = now();
      const old = await options.store.get(key);
      const current = statusOf(old, at);
      if (current.locked) return current;
      const fresh = !old || at - old.windowStart >= limit.windowMs || old.lockedUntil > 0;
      const failures = fresh ? 1 : old.failures + 1;
      const record: AttemptRecord = {
        failures,
        windowStart: fresh ? at : old.windowStart,
        lockedUntil: failures >= limit.maxFailures ? at + limit.lockMs : 0,
      };
      await options.store.set(key, record);
      return statusOf(record, at);
    },
    async reset(key) {
      await options.store.set(key, undefined);
    },
  };
}
