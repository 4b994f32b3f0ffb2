import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { openRedisConnection } from '../../core/stores/redis-connection.ts';

/** The socket.io adapter of several nodes, with the Redis connection it owns. */
export interface RedisSocketAdapter {
  /** What socket.io's `adapter` option takes. */
  adapter: ReturnType<typeof createAdapter>;
  /** Closes its Redis connections (after the socket.io server has stopped). */
  close(): Promise<void>;
}

/** Where the adapter keeps its stream and recovery sessions in Redis, next to the conversation store's keys. */
export const redisSocketAdapterKeys = { streamName: 'parley:socket.io', sessionKeyPrefix: 'parley:sio:session:' } as const;

/**
 * socket.io's Redis streams adapter on `url`: a message sent to a room on one node reaches the room's sockets on
 * every node, and connection-state recovery finds a dropped socket's session and missed packets whichever node it
 * reconnects to (the plain pub/sub adapter cannot recover). Its connection queues while Redis is down, so replies
 * are delayed rather than lost, and reconnects by itself.
 */
export function createRedisSocketAdapter(url: string, log: Logger): RedisSocketAdapter {
  const client = openRedisConnection(url, {
    // The adapter's readers block on XREAD for seconds: no command timeout, and commands wait for a reconnection.
    commandTimeoutMs: 0,
    failFast: false,
    name: 'parley-socket.io',
    onError: (error) => log.error({ err: error }, 'the socket.io adapter lost Redis: replies to other nodes wait until it is back'),
  });
  return {
    adapter: createAdapter(client, { ...redisSocketAdapterKeys, blockTimeInMs: 2000 }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
