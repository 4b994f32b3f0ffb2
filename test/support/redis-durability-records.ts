import type { Redis } from 'ioredis';

/** One entry of the Redis store's effects journal. */
export interface RedisEffectRecord {
  key: string;
  conversationId: string;
  turnId: string;
  command: string;
  status: 'started' | 'finished';
  result: unknown;
}

/** A return in the Acme Redis ledger, with the idempotency key it was opened under. */
export interface RedisReturnRecord {
  return_id: string;
  order_id: string;
  reason: string;
  idempotency_key: string;
}

/** The effects journal of the Redis store under `prefix` (default `parley:`). */
export async function readRedisEffects(client: Redis, prefix = 'parley:'): Promise<RedisEffectRecord[]> {
  const [entries, results] = await Promise.all([client.hgetall(`${prefix}effects`), client.hgetall(`${prefix}effect-results`)]);
  return Object.entries(entries).map(([key, json]) => {
    const entry = JSON.parse(json) as { conversationId: string; turnId: string; command: string };
    const result = results[key];
    return { key, ...entry, status: result === undefined ? 'started' : 'finished', result: result === undefined ? undefined : JSON.parse(result) };
  });
}

/** Every return of the Acme Redis ledger, oldest first. */
export async function readRedisReturns(client: Redis): Promise<RedisReturnRecord[]> {
  return (await client.lrange('acme:returns:all', 0, -1)).map((json) => JSON.parse(json) as RedisReturnRecord);
}

/** How many turns the Redis store holds as accepted and unfinished. */
export function countPendingTurns(client: Redis, prefix = 'parley:'): Promise<number> {
  return client.zcard(`${prefix}pending`);
}
