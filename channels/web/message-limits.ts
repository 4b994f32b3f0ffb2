import { createRateLimiter, type RateDecision, type RateLimitOptions } from './rate-limiter.ts';

/** Options of {@link createMessageLimits}; `false` turns one limit off. */
export interface MessageLimitsOptions {
  perConversation: RateLimitOptions | false;
  perConnection: RateLimitOptions | false;
  perAddress: RateLimitOptions | false;
  now: () => number;
}

/** Where a socket message comes from. */
export interface MessageSource {
  conversationId: string;
  /** The connection (socket id; a recovered connection keeps its id and its bucket). */
  connectionId: string;
  /** The client address. */
  address: string;
}

/** Rate limits of socket messages: per conversation, per connection and per address. */
export interface MessageLimits {
  /** Takes one message from every bucket when all have room; otherwise refuses with the longest wait. */
  take(source: MessageSource): RateDecision;
}

/**
 * Creates the web channel's message limits. Each is a token bucket: opening a new connection or a new
 * conversation gives a fresh bucket for that connection or conversation only, never for the address.
 */
export function createMessageLimits(options: MessageLimitsOptions): MessageLimits {
  const limiter = (rate: RateLimitOptions | false) => (rate ? createRateLimiter(rate, options.now) : undefined);
  const conversation = limiter(options.perConversation);
  const connection = limiter(options.perConnection);
  const address = limiter(options.perAddress);
  return {
    take(source) {
      const buckets = [
        [address, source.address],
        [connection, source.connectionId],
        [conversation, source.conversationId],
      ] as const;
      // Nothing is taken unless every bucket has room: a refused message costs none of the others' budget.
      let wait = 0;
      for (const [bucket, key] of buckets) {
        const decision = bucket?.peek(key);
        if (decision && !decision.ok) wait = Math.max(wait, decision.retryAfterMs);
      }
      if (wait > 0) return { ok: false, retryAfterMs: wait };
      for (const [bucket, key] of buckets) bucket?.take(key);
      return { ok: true };
    },
  };
}
