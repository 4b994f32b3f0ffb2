import { Redis } from 'ioredis';
import { ConfigError } from '../contracts/errors/config-error.ts';

/** Options of {@link openRedisConnection}. */
export interface RedisConnectionOptions {
  /**
   * How long a command may wait for its reply, in milliseconds, before it fails (a stalled or unreachable server).
   * `0` waits as long as it takes (for blocking readers such as the socket.io adapter's). Default 5000.
   */
  commandTimeoutMs?: number;
  /**
   * Once connected, fail commands at once while the connection is down instead of queueing them until it is back:
   * what a request path wants (a quick, retryable error). Commands sent before the first connection wait for it.
   * `false` queues them. Default true.
   */
  failFast?: boolean;
  /** Longest pause between reconnection attempts, in milliseconds (they back off from 50 ms). Default 1000. */
  maxReconnectDelayMs?: number;
  /** Sees connection errors (at most one per outage is reported). Default: ignored. */
  onError?: (error: Error) => void;
  /** Connection name shown by `CLIENT LIST`. Default "parley". */
  name?: string;
}

/** Defaults of {@link RedisConnectionOptions}. */
export const defaultRedisConnectionOptions = {
  commandTimeoutMs: 5000,
  failFast: true,
  maxReconnectDelayMs: 1000,
  name: 'parley',
};

/**
 * Opens an ioredis connection to `url` (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS) that
 * reconnects for ever with backoff, so that service resumes by itself once Redis is back, and never throws an
 * unhandled `error` event. Throws `ConfigError` (key `PARLEY_REDIS_URL`) for a URL that is not redis:// or rediss://.
 */
export function openRedisConnection(url: string, options: RedisConnectionOptions = {}): Redis {
  const settings = { ...defaultRedisConnectionOptions, ...options };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('PARLEY_REDIS_URL', 'a redis:// or rediss:// URL', url);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError('PARLEY_REDIS_URL', 'a redis:// or rediss:// URL', url);
  }
  const client = new Redis(url, {
    connectionName: settings.name,
    ...(settings.commandTimeoutMs > 0 ? { commandTimeout: settings.commandTimeoutMs } : {}),
    connectTimeout: 2000,
    maxRetriesPerRequest: settings.failFast ? 1 : null,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), settings.maxReconnectDelayMs),
  });
  let reported = false;
  client.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    options.onError?.(error);
  });
  client.on('ready', () => {
    reported = false;
    // ioredis reads this option on every command: from now on a command sent while disconnected fails at once.
    if (settings.failFast) client.options.enableOfflineQueue = false;
  });
  return client;
}
