import { openRedisConnection } from '../../core/stores/redis-connection.ts';
import type { AttemptRecord, AttemptStore } from '../../skills/attempt-store.ts';

/**
 * Keeps failed verification attempts in Redis (hash `<prefix>`, default `acme:attempts`), so that a lock holds on
 * every node and outlives restarts.
 */
export function createRedisAttemptStore(url: string, key = 'acme:attempts'): AttemptStore {
  const client = openRedisConnection(url, { name: 'acme-attempts' });
  return {
    async get(id) {
      const json = await client.hget(key, id);
      return typeof json === 'string' ? (JSON.parse(json) as AttemptRecord) : undefined;
    },
    async set(id, record) {
      if (record) await client.hset(key, id, JSON.stringify(record));
      else await client.hdel(key, id);
    },
  };
}
