import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import type { RateLimitOptions } from '../web/rate-limiter.ts';

/**
 * The limits that keep one client from using up the server. Rates are token buckets (`burst` at once, then
 * `perMinute`); `false` turns one off. "Address" is the client's IP address (see `createClientAddress`: behind a
 * proxy named in `PARLEY_TRUST_PROXY`, the address it forwarded).
 */
export interface AbuseLimits {
  /** REST requests (turns and history reads) per address. Default 60 at once, then 600 a minute. */
  restRequestsPerAddress: RateLimitOptions | false;
  /** REST requests per address still sending their body at the same time. Default 10. */
  pendingBodiesPerAddress: number;
  /** Milliseconds a client may take to send the request headers. Default 10000. */
  headersTimeoutMs: number;
  /** Milliseconds a client may take to send a REST body, from the end of its headers. Default 10000. */
  bodyTimeoutMs: number;
  /** New socket connections (handshakes) per address. Default 30 at once, then 300 a minute. */
  socketConnectsPerAddress: RateLimitOptions | false;
  /** Socket connections open at once per address. Default 100. */
  openSocketsPerAddress: number;
  /** Socket messages per address, all its connections together. Default 60 at once, then 600 a minute. */
  socketMessagesPerAddress: RateLimitOptions | false;
  /** Socket messages per connection. Default 10 at once, then 30 a minute (as per conversation). */
  socketMessagesPerConnection: RateLimitOptions | false;
}

/** The defaults of {@link AbuseLimits}. */
export const defaultAbuseLimits: AbuseLimits = {
  restRequestsPerAddress: { burst: 60, perMinute: 600 },
  pendingBodiesPerAddress: 10,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  socketConnectsPerAddress: { burst: 30, perMinute: 300 },
  openSocketsPerAddress: 100,
  socketMessagesPerAddress: { burst: 60, perMinute: 600 },
  socketMessagesPerConnection: { burst: 10, perMinute: 30 },
};

/** The environment variable of each limit: a rate is `burst/perMinute` (e.g. `60/600`) or `off`; a count or a time a whole number. */
export const abuseLimitsEnvironment = {
  restRequestsPerAddress: 'PARLEY_LIMIT_REST_REQUESTS',
  pendingBodiesPerAddress: 'PARLEY_LIMIT_PENDING_BODIES',
  headersTimeoutMs: 'PARLEY_HEADERS_TIMEOUT_MS',
  bodyTimeoutMs: 'PARLEY_BODY_TIMEOUT_MS',
  socketConnectsPerAddress: 'PARLEY_LIMIT_SOCKET_CONNECTS',
  openSocketsPerAddress: 'PARLEY_LIMIT_OPEN_SOCKETS',
  socketMessagesPerAddress: 'PARLEY_LIMIT_SOCKET_MESSAGES',
  socketMessagesPerConnection: 'PARLEY_LIMIT_CONNECTION_MESSAGES',
} as const satisfies Record<keyof AbuseLimits, string>;

function parseRate(name: string, value: string): RateLimitOptions | false {
  if (value === 'off') return false;
  const match = /^(\d{1,7})\/(\d{1,9})$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new ConfigError(name, '"burst/perMinute" like 60/600 (both at least 1), or off', value);
  return { burst: Number(match[1]), perMinute: Number(match[2]) };
}

function parseCount(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new ConfigError(name, 'a positive whole number', value);
  return Number(value);
}

/**
 * The limits set by environment variables ({@link abuseLimitsEnvironment}); the others are left out, so
 * `{ ...defaultAbuseLimits, ...readAbuseLimitsEnvironment() }` is the whole set. Throws `ConfigError` naming
 * the variable for a malformed value.
 */
export function readAbuseLimitsEnvironment(env: NodeJS.ProcessEnv = process.env): Partial<AbuseLimits> {
  const limits: Partial<Record<keyof AbuseLimits, unknown>> = {};
  for (const [key, name] of Object.entries(abuseLimitsEnvironment) as Array<[keyof AbuseLimits, string]>) {
    const value = env[name]?.trim();
    if (value === undefined || value === '') continue;
    limits[key] = typeof defaultAbuseLimits[key] === 'number' ? parseCount(name, value) : parseRate(name, value);
  }
  return limits as Partial<AbuseLimits>;
}
