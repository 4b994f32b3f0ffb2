import type { Redis } from 'ioredis';
import type { RedisScript } from './redis-scripts.ts';

/** Runs a {@link RedisScript} with its keys and arguments and returns the raw reply. */
export type RedisScriptRunner = (script: RedisScript, keys: readonly string[], args: ReadonlyArray<string | number>) => Promise<unknown>;

/**
 * A {@link RedisScriptRunner} on `client`: EVALSHA, and EVAL when Redis answers NOSCRIPT (a restarted or flushed
 * server has forgotten the script; EVAL also caches it again).
 */
export function createScriptRunner(client: Redis): RedisScriptRunner {
  return async (script, keys, args) => {
    try {
      return await client.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(script.lua, keys.length, ...keys, ...args);
    }
  };
}
