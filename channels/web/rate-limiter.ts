/** Options of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Messages accepted at once before the limit applies. */
  burst: number;
  /** Messages accepted per minute after the burst. */
  perMinute: number;
}

/** The outcome of {@link RateLimiter.take}. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** A token bucket per key (a conversation). */
export interface RateLimiter {
  take(key: string): RateDecision;
  /** What `take` would answer now, without taking anything. */
  peek(key: string): RateDecision;
}

/** Creates a token-bucket rate limiter; `now` is injected so tests control time. */
export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = options.perMinute / 60_000;
  const refill = (bucket: { tokens: number; at: number }, t: number) => {
    bucket.tokens = Math.min(options.burst, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
  };
  let calls = 0;
  const decide = (tokens: number): RateDecision =>
    tokens >= 1 ? { ok: true } : { ok: false, retryAfterMs: perMs > 0 ? Math.ceil((1 - tokens) / perMs) : 60_000 };
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
      return { ok: false, retryAfterMs: perMs > 0 ? Math.ceil((1 - bucket.tokens) / perMs) : 60_000 };
    },
  };
}
