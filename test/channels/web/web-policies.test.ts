import { describe, expect, it } from 'vitest';
import { chunkText } from '../../../channels/web/chunk-text.ts';
import { createOriginPolicy } from '../../../channels/web/origin-policy.ts';
import { createRateLimiter } from '../../../channels/web/rate-limiter.ts';
import { readWebEnvironment } from '../../../channels/web/web-environment.ts';

describe('origin policy', () => {
  it('allows the serving origin on any host and port, and no-Origin clients', () => {
    const allowed = createOriginPolicy();
    expect(allowed('http://localhost:4123', 'localhost:4123')).toBe(true);
    expect(allowed('https://chat.example.com', 'chat.example.com')).toBe(true);
    expect(allowed(undefined, 'localhost:3000')).toBe(true);
    expect(allowed('http://evil.example', 'localhost:3000')).toBe(false);
    expect(allowed('http://localhost:9999', 'localhost:3000')).toBe(false);
    expect(allowed('null', 'localhost:3000')).toBe(false);
  });

  it('allows configured origins and *', () => {
    expect(
      createOriginPolicy(['https://shop.example.com/'])('https://shop.example.com', 'chat.example.com'),
    ).toBe(true);
    expect(
      createOriginPolicy(['https://shop.example.com'])('http://shop.example.com', 'chat.example.com'),
    ).toBe(false);
    expect(createOriginPolicy(['*'])('http://anything.example', 'chat.example.com')).toBe(true);
    expect(() => createOriginPolicy(['https://shop.example.com/path'])).toThrow(TypeError);
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then one message per refill interval', () => {
    let clock = 0;
    const limiter = createRateLimiter({ burst: 2, perMinute: 6 }, () => clock);
    expect(limiter.take('c')).toEqual({ ok: true });
    expect(limiter.take('c')).toEqual({ ok: true });
    expect(limiter.take('c')).toEqual({ ok: false, retryAfterMs: 10_000 });
    expect(limiter.take('other')).toEqual({ ok: true });
    clock = 10_000;
    expect(limiter.take('c')).toEqual({ ok: true });
    expect(limiter.take('c').ok).toBe(false);
  });
});

describe('chunkText', () => {
  it('splits a delta into word-sized pieces that join back to it', () => {
    const text = 'Order 12345 is shipped.\nItems: 1 × shoes.';
    const pieces = chunkText(text, 1);
    expect(pieces).toEqual(['Order ', '12345 ', 'is ', 'shipped.\n', 'Items: ', '1 ', '× ', 'shoes.']);
    expect(chunkText(text, 3).join('')).toBe(text);
    expect(chunkText(text, 0)).toEqual([text]);
    expect(chunkText('  hi', 1)).toEqual(['  hi']);
  });
});

describe('web environment', () => {
  it('reads origins and the user token key', () => {
    const settings = readWebEnvironment({
      PARLEY_WEB_ORIGINS: 'https://a.example, https://b.example:8443/',
      PARLEY_USER_TOKEN_SECRET: 's'.repeat(32),
      PARLEY_USER_TOKEN_ISSUER: 'https://a.example',
    });
    expect(settings).toEqual({
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      userTokens: { secret: 's'.repeat(32), issuer: 'https://a.example' },
    });
    expect(readWebEnvironment({})).toEqual({ allowedOrigins: [] });
  });

  it('names the variable of a bad value', () => {
    expect(() => readWebEnvironment({ PARLEY_WEB_ORIGINS: 'not an origin' })).toThrow(/PARLEY_WEB_ORIGINS/);
    expect(() => readWebEnvironment({ PARLEY_USER_TOKEN_SECRET: 'short' })).toThrow(
      /PARLEY_USER_TOKEN_SECRET.*32/,
    );
    expect(() => readWebEnvironment({ PARLEY_USER_TOKEN_PUBLIC_KEY: '/no/such/file.pem' })).toThrow(
      /PARLEY_USER_TOKEN_PUBLIC_KEY/,
    );
  });
});
