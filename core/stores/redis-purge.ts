import type { Redis } from 'ioredis';
import { parseTurnMember, type RedisKeys } from './redis-keys.ts';
import type { RedisScriptRunner } from './redis-script-runner.ts';
import { purgeLinesScript } from './redis-scripts.ts';

/** How many finished records one purge round trip removes. */
const batch = 500;

/**
 * Removes what finished before `before` (ms since the epoch) from the Redis store: finished turns (their results,
 * so their ids may be used again), finished effects and transcript lines; returns how many records went. Each
 * record goes in its own transaction, so a purge interrupted half way leaves nothing half removed.
 */
export async function purgeRedisStore(client: Redis, k: RedisKeys, script: RedisScriptRunner, before: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const members = await client.zrangebyscore(k.done, '-inf', `(${before}`, 'LIMIT', 0, batch);
    if (members.length === 0) break;
    const tx = client.multi();
    for (const member of members) {
      const [c, t] = parseTurnMember(member);
      tx.hdel(k.results(c), t).zrem(k.done, member);
    }
    await exec(tx);
    removed += members.length;
  }
  for (;;) {
    const keys = await client.zrangebyscore(k.effectsDone, '-inf', `(${before}`, 'LIMIT', 0, batch);
    if (keys.length === 0) break;
    const entries = keys.length > 0 ? await client.hmget(k.effects, ...keys) : [];
    const tx = client.multi();
    keys.forEach((key, i) => {
      const entry = entries[i];
      if (entry) tx.srem(k.effectKeys((JSON.parse(entry) as { conversationId: string }).conversationId), key);
      tx.hdel(k.effects, key).hdel(k.effectResults, key).zrem(k.effectsDone, key);
    });
    await exec(tx);
    removed += keys.length;
  }
  const conversations = await client.zrangebyscore(k.lineHeads, '-inf', `(${before}`);
  for (const c of conversations) removed += Number(await script(purgeLinesScript, [k.lines(c), k.lineHeads], [before, c]));
  return removed;
}

async function exec(tx: ReturnType<Redis['multi']>): Promise<void> {
  for (const [error] of (await tx.exec()) ?? []) if (error) throw error;
}
