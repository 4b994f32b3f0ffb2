import type { Redis } from 'ioredis';
import { StoreUnavailableError } from '../../core/contracts/errors/store-unavailable-error.ts';
import { openRedisConnection } from '../../core/stores/redis-connection.ts';
import type { ReturnRecord, ReturnsLedger } from './returns-ledger.ts';

/** Where the Redis ledger keeps returns, under its prefix (default `acme:returns:`). */
export const redisLedgerKeys = (prefix: string) => ({
  /** Hash idempotency key → the return's JSON. */
  byKey: `${prefix}by-key`,
  /** Counter of returns opened: return ids are `R-` and 1000 plus it. */
  seq: `${prefix}seq`,
  /** List of every return's JSON (with its idempotency key), oldest first. */
  all: `${prefix}all`,
});

/**
 * KEYS: by key, counter, list. ARGV: idempotency key, order id, reason, created at. One script, so that two nodes
 * adding under the same key at once open one return.
 */
const addOnce = `
local found = redis.call('HGET', KEYS[1], ARGV[1])
if found then return found end
local seq = redis.call('INCR', KEYS[2])
local record = cjson.encode({ return_id = 'R-' .. (1000 + seq), order_id = ARGV[2], reason = ARGV[3], created_at = ARGV[4], idempotency_key = ARGV[1] })
redis.call('HSET', KEYS[1], ARGV[1], record)
redis.call('RPUSH', KEYS[3], record)
return record
`;

/** Options of {@link createRedisReturnsLedger}. */
export interface RedisReturnsLedgerOptions {
  /** Prefix of the ledger's keys. Default `acme:returns:`. */
  keyPrefix?: string;
  /** Clock for `created_at`. Default: the system clock. */
  now?: () => Date;
}

/**
 * The demo's {@link ReturnsLedger} in Redis, for several nodes: each `add` is one Lua script that looks the
 * idempotency key up and opens the return only when the key is new, so a command call retried on another node
 * after a crash finds the return the first node opened instead of opening a second one.
 */
export function createRedisReturnsLedger(url: string, options: RedisReturnsLedgerOptions = {}): ReturnsLedger {
  const keys = redisLedgerKeys(options.keyPrefix ?? 'acme:returns:');
  const now = options.now ?? (() => new Date());
  const client: Redis = openRedisConnection(url, { name: 'acme-returns' });
  const parse = (json: string): ReturnRecord => {
    const { return_id, order_id, reason, created_at } = JSON.parse(json) as ReturnRecord;
    return { return_id, order_id, reason, created_at };
  };
  const unavailable = (operation: string) => (error: unknown) => {
    throw new StoreUnavailableError('acme-returns', operation, error);
  };
  return {
    async add(orderId, reason, idempotencyKey) {
      if (typeof idempotencyKey !== 'string' || !idempotencyKey) throw new TypeError('a return needs a non-empty idempotency key');
      const args = [keys.byKey, keys.seq, keys.all, idempotencyKey, orderId, reason, now().toISOString()];
      const json = await client.eval(addOnce, 3, ...args).catch(unavailable('add a return'));
      return parse(String(json));
    },
    async findByKey(idempotencyKey) {
      const json = await client.hget(keys.byKey, idempotencyKey).catch(unavailable('find a return'));
      return typeof json === 'string' ? parse(json) : undefined;
    },
    async list() {
      const all = await client.lrange(keys.all, 0, -1).catch(unavailable('list returns'));
      return all.map(parse);
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
