import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/** Options of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Messages accepted at once before the limit applies; at least 1. */
  burst: number;
  /** Messages accepted per minute after the burst; above 0 (a limit that never refills would remember every key forever). */
  perMinute: number;
}

/** The outcome of {@link RateLimiter.take}. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** A token bucket per key (a conversation). */
export interface RateLimiter {
  take(key: string): RateDecision;
  /** What `take` would answer now, without taking anything. */
  peek(key: string): RateDecision;
  /** Keys remembered now: those whose bucket has not refilled yet, and at most 1000 more. */
  size(): number;
}

/**
 * Creates a token-bucket rate limiter; `now` is injected so tests control time. Throws `ConfigError` for a burst
 * under 1 or a rate of 0 a minute.
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  if (!(options.burst >= 1)) throw new ConfigError('burst', 'at least 1 message', options.burst);
  if (!(options.perMinute > 0)) throw new ConfigError('perMinute', 'more than 0 messages a minute (false turns a limit off)', options.perMinute);
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = options.perMinute / 60_000;
  const refill = (bucket: { tokens: number; at: number }, t: number) => {
    bucket.tokens = Math.min(options.burst, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
  };
  let calls = 0;
  const decide = (tokens: number): RateDecision =>
    tokens >= 1 ? { ok: true } : { ok: false, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
  return {
    peek(key) {
      const bucket = buckets.get(key);
      if (!bucket) return { ok: true };
      const copy = { ...bucket };
      refill(copy, now());
      return decide(copy.tokens);
    },
    take(key) {
      const t = now();
      // Buckets that have refilled completely carry no information; dropping them bounds memory.
      if (++calls % 1000 === 0) {
        for (const [k, bucket] of buckets) {
          refill(bucket, t);
          if (bucket.tokens >= options.burst) buckets.delete(k);
        }
      }
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: t };
      buckets.set(key, bucket);
      refill(bucket, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return decide(bucket.tokens);
    },
    size: () => buckets.size,
  };
}
