import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { defaultAbuseLimits, readAbuseLimitsEnvironment } from '../../channels/http/abuse-limits.ts';
import { createClientAddress, readTrustedProxies } from '../../channels/http/client-address.ts';

const request = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('limits from the environment', () => {
  it('reads rates as burst/perMinute or off, counts and times as whole numbers, and names a bad variable', () => {
    expect(
      readAbuseLimitsEnvironment({
        PARLEY_LIMIT_REST_REQUESTS: '5/50',
        PARLEY_LIMIT_SOCKET_MESSAGES: 'off',
        PARLEY_LIMIT_OPEN_SOCKETS: '7',
        PARLEY_BODY_TIMEOUT_MS: '2500',
      }),
    ).toEqual({ restRequestsPerAddress: { burst: 5, perMinute: 50 }, socketMessagesPerAddress: false, openSocketsPerAddress: 7, bodyTimeoutMs: 2500 });
    expect(readAbuseLimitsEnvironment({})).toEqual({});
    expect(() => readAbuseLimitsEnvironment({ PARLEY_LIMIT_SOCKET_CONNECTS: '10 per minute' })).toThrow(/PARLEY_LIMIT_SOCKET_CONNECTS/);
    expect(() => readAbuseLimitsEnvironment({ PARLEY_HEADERS_TIMEOUT_MS: '0' })).toThrow(/PARLEY_HEADERS_TIMEOUT_MS/);
    expect(defaultAbuseLimits.bodyTimeoutMs).toBe(10_000);
  });
});

describe('client address', () => {
  it('is the peer without trusted proxies, whatever X-Forwarded-For says', () => {
    const address = createClientAddress();
    expect(address(request('::ffff:203.0.113.9', '1.2.3.4'))).toBe('203.0.113.9');
  });

  it('is the right-most untrusted X-Forwarded-For hop behind a trusted proxy (addresses and CIDR ranges)', () => {
    const address = createClientAddress(readTrustedProxies({ PARLEY_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }));
    expect(address(request('127.0.0.1', '198.51.100.1, 203.0.113.5, 10.1.2.3'))).toBe('203.0.113.5');
    expect(address(request('10.9.9.9', '203.0.113.7'))).toBe('203.0.113.7');
    expect(address(request('10.9.9.9', 'not-an-address'))).toBe('10.9.9.9');
    expect(address(request('10.9.9.9'))).toBe('10.9.9.9');
    expect(address(request('192.0.2.1', '203.0.113.7'))).toBe('192.0.2.1');
  });

  it('refuses a PARLEY_TRUST_PROXY entry that is no address or range', () => {
    expect(() => createClientAddress(['proxy.internal'])).toThrow(/PARLEY_TRUST_PROXY/);
    expect(() => createClientAddress(['10.0.0.0/33'])).toThrow(/PARLEY_TRUST_PROXY/);
  });
});
