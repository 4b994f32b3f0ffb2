import { describe, expect, it } from 'vitest';
import { readAbuseLimitsEnvironment } from '../../channels/http/abuse-limits.ts';
import { createAddressSlots } from '../../channels/http/address-slots.ts';
import { createRateLimiter } from '../../channels/web/rate-limiter.ts';

// Per-key state of the abuse limits must not grow with the number of clients ever seen: an attacker rotating
// addresses (an IPv6 /64 has 2^64) or opening connections would otherwise grow the server without bound.
describe('per-key limit state stays bounded', () => {
  it('a rate limiter forgets keys whose bucket has refilled', () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 10, perMinute: 30 }, () => clock);
    for (let i = 0; i < 5000; i += 1) expect(limiter.take(`10.0.${i >> 8}.${i & 255}`).ok).toBe(true);
    expect(limiter.size()).toBeGreaterThanOrEqual(4000);
    // One token refills in 2 s; every bucket is full again after that.
    clock += 2000;
    for (let i = 0; i < 1000; i += 1) expect(limiter.take(`fd00::${i.toString(16)}`).ok).toBe(true);
    // Only the keys taken since the refill are left: the first 5000 are forgotten.
    expect(limiter.size()).toBeLessThanOrEqual(1000);
  });

  it('keeps a key that is still limited, so forgetting never resets a limit', () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 2, perMinute: 6 }, () => clock);
    limiter.take('attacker');
    limiter.take('attacker');
    for (let i = 0; i < 999; i += 1) limiter.take(`other-${i}`);
    clock += 1000;
    limiter.take('sweep');
    expect(limiter.take('attacker')).toEqual({ ok: false, retryAfterMs: 9000 });
  });

  it('refuses a rate that never refills (its buckets could never be forgotten)', () => {
    expect(() => createRateLimiter({ burst: 10, perMinute: 0 })).toThrow(/perMinute.*more than 0/);
    expect(() => createRateLimiter({ burst: 0, perMinute: 10 })).toThrow(/burst/);
    expect(() => readAbuseLimitsEnvironment({ PARLEY_LIMIT_CONNECTION_MESSAGES: '10/0' })).toThrow(
      /PARLEY_LIMIT_CONNECTION_MESSAGES.*both at least 1/,
    );
  });

  it('address slots forget an address once it holds none', () => {
    const slots = createAddressSlots(3);
    const releases = Array.from({ length: 2000 }, (_, i) => slots.take(`10.1.${i >> 8}.${i & 255}`)!);
    const second = slots.take('10.1.0.0')!;
    expect(slots.size()).toBe(2000);
    for (const release of releases) release();
    expect(slots.size()).toBe(1);
    expect(slots.held('10.1.0.0')).toBe(1);
    second();
    second();
    expect(slots.size()).toBe(0);
  });
});
