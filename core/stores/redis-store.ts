import type { Redis } from 'ioredis';
import { type ConversationStore, type Lease, reviseReplyWindow } from '../contracts/conversation-store.ts';
import { ConfigError } from '../contracts/errors/config-error.ts';
import { ConversationConflictError } from '../contracts/errors/conversation-conflict-error.ts';
import { LeaseLostError } from '../contracts/errors/lease-lost-error.ts';
import { isParleyError } from '../contracts/errors/parley-error.ts';
import { StoreClosedError } from '../contracts/errors/store-closed-error.ts';
import { StoreUnavailableError } from '../contracts/errors/store-unavailable-error.ts';
import type { TurnResult } from '../contracts/turn-result.ts';
import type { UserTurn } from '../contracts/user-turn.ts';
import { openRedisConnection } from './redis-connection.ts';
import { parseTurnMember, redisKeys, turnMember } from './redis-keys.ts';
import { purgeRedisStore } from './redis-purge.ts';
import {
  abandonScript,
  acceptScript,
  acquireLeaseScript,
  beginEffectScript,
  commitScript,
  deleteScript,
  finishEffectScript,
  releaseLeaseScript,
  reviseReplyScript,
  saveScript,
  takeOverLeaseScript,
} from './redis-scripts.ts';
import { createScriptRunner } from './redis-script-runner.ts';
import { parseTranscriptMember } from './redis-transcript-member.ts';
import { serializeState } from './serialize-state.ts';
import {
  validateConversationId,
  validateEffect,
  validateExpectedVersion,
  validateLease,
  validateRange,
  validateReplyRevision,
  validateTurn,
} from './validate-store-input.ts';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`); `PARLEY_REDIS_URL` in `parley start`. */
  url: string;
  /** Prefix of every key, so that several bots can share one Redis. Default `"parley:"`. */
  keyPrefix?: string;
  /**
   * Clock for `updatedAt`, leases and retention, in milliseconds since the epoch. Default `Date.now`. Leases compare
   * the writing node's clock with the expiry another node wrote: keep the nodes' clocks in step (NTP) to well
   * within the lease time.
   */
  now?: () => number;
  /** How long a command may wait for Redis before the call fails as `StoreUnavailableError`, in ms. Default 5000. */
  commandTimeoutMs?: number;
  /** Sees the connection's errors (one per outage). Default: ignored. */
  onConnectionError?: (error: Error) => void;
}

/** Defaults of {@link RedisStoreOptions} (every field but `url` and `onConnectionError`). */
export const defaultRedisStoreOptions = {
  keyPrefix: 'parley:',
  now: () => Date.now(),
  commandTimeoutMs: 5000,
};

type Reply = [string, (string | number)?];

/**
 * A {@link ConversationStore} in Redis (provider "redis"), for several parley nodes serving one bot. Every write
 * that must be atomic — a save with its version check, a turn's commit with its lease check, a journal entry, a
 * lease change — is one Lua script, so optimistic concurrency (one winner per race) and lease fencing (a node whose
 * lease changed hands cannot write) hold across nodes. While Redis is unreachable every call fails quickly with a
 * retryable `StoreUnavailableError`, and the connection comes back by itself. Run Redis with the append-only file
 * (`appendonly yes`) so that an acknowledged turn survives a Redis restart.
 *
 * @example
 * const store = createRedisStore({ url: 'redis://127.0.0.1:6379' });
 * const version = await store.save('c1', { step: 'greet' }, 0); // 1
 */
export function createRedisStore(options: RedisStoreOptions): ConversationStore {
  const settings = resolveOptions(options);
  const now = settings.now;
  const client: Redis = openRedisConnection(settings.url, {
    commandTimeoutMs: settings.commandTimeoutMs,
    name: 'parley-store',
    ...(options.onConnectionError ? { onError: options.onConnectionError } : {}),
  });
  const where = `${client.options.host}:${client.options.port}`;
  const k = redisKeys(settings.keyPrefix);
  const script = createScriptRunner(client);
  let closed = false;

  /** Closed store and bad input first, then Redis failures as `StoreUnavailableError`. */
  const run = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreClosedError('redis');
    try {
      return await fn();
    } catch (error) {
      if (isParleyError(error)) throw error;
      // A command refused because the connection is down says so in the driver's words; name the server instead.
      const cause = client.status === 'ready' ? error : Object.assign(new Error(`Redis at ${where} is unreachable (${client.status})`), { cause: error });
      throw new StoreUnavailableError('redis', operation, cause);
    }
  };
  const leaseArgs = (lease: Lease) => [lease.owner, lease.token, now()];

  return {
    provider: 'redis',

    load: (conversationId) =>
      run('load', async () => {
        validateConversationId(conversationId);
        const [version, state, updatedAt] = await client.hmget(k.state(conversationId), 'version', 'state', 'updatedAt');
        if (typeof version !== 'string' || typeof state !== 'string') return undefined;
        return { id: conversationId, version: Number(version), state: JSON.parse(state), updatedAt: Number(updatedAt) };
      }),

    save: (conversationId, state, expectedVersion) =>
      run('save', async () => {
        validateConversationId(conversationId);
        validateExpectedVersion(conversationId, expectedVersion);
        const json = serializeState(conversationId, state);
        const [saved, version] = (await script(saveScript, [k.state(conversationId)], [expectedVersion, json, now()])) as [number, number];
        if (saved !== 1) throw new ConversationConflictError(conversationId, expectedVersion, version);
        return version;
      }),

    delete: (conversationId) =>
      run('delete', async () => {
        validateConversationId(conversationId);
        const c = conversationId;
        const keys = [k.state(c), k.turns(c), k.results(c), k.lines(c), k.lease(c), k.effectKeys(c), k.pending, k.done, k.effects, k.effectResults, k.effectsDone, k.lineHeads];
        return (await script(deleteScript, keys, [c])) === 1;
      }),

    acceptTurn: (turn) =>
      run('accept a turn', async () => {
        validateTurn(turn);
        const c = turn.conversationId;
        const keys = [k.turns(c), k.results(c), k.pending, k.acceptSeq];
        const [status, result] = (await script(acceptScript, keys, [turn.id, JSON.stringify(turn), turnMember(c, turn.id)])) as Reply;
        if (status === 'done') return { status: 'done' as const, result: JSON.parse(String(result)) as TurnResult };
        return { status: status === 'new' ? ('new' as const) : ('pending' as const) };
      }),

    findTurn: (conversationId, turnId) =>
      run('read a turn', async () => {
        validateConversationId(conversationId);
        const replies = await client.multi().hexists(k.turns(conversationId), turnId).hget(k.results(conversationId), turnId).exec();
        const [pending, result] = (replies ?? []).map(([error, value]) => {
          if (error) throw error;
          return value;
        });
        if (typeof result === 'string') return { status: 'done' as const, result: JSON.parse(result) as TurnResult };
        return pending === 1 ? { status: 'pending' as const } : { status: 'new' as const };
      }),

    pendingTurns: () =>
      run('list pending turns', async () => {
        const members = await client.zrange(k.pending, 0, -1);
        if (members.length === 0) return [];
        const pipeline = client.pipeline();
        for (const member of members) {
          const [c, t] = parseTurnMember(member);
          pipeline.hget(k.turns(c), t);
        }
        const replies = (await pipeline.exec()) ?? [];
        return replies.flatMap(([error, value]) => {
          if (error) throw error;
          return typeof value === 'string' ? [JSON.parse(value) as UserTurn] : [];
        });
      }),

    abandonTurn: (conversationId, turnId) =>
      run('abandon a turn', async () => {
        validateConversationId(conversationId);
        return (await script(abandonScript, [k.turns(conversationId), k.pending], [turnId, turnMember(conversationId, turnId)])) === 1;
      }),

    commitTurn: (commit) =>
      run('commit a turn', async () => {
        const c = commit.conversationId;
        validateConversationId(c);
        validateExpectedVersion(c, commit.expectedVersion);
        validateLease(commit.lease);
        const json = serializeState(c, commit.state);
        const results = commit.results.flatMap((r) => [r.turnId, JSON.stringify(r), turnMember(c, r.turnId)]);
        const lines = commit.lines.map((l) => JSON.stringify({ role: l.role, text: l.text, at: l.at, turnId: l.turnId }));
        const keys = [k.lease(c), k.state(c), k.turns(c), k.results(c), k.lines(c), k.pending, k.done, k.lineHeads];
        const args = [...leaseArgs(commit.lease), commit.expectedVersion, json, c, commit.results.length, ...results, lines.length, commit.lines[0]?.at ?? 0, ...lines];
        const [status, version] = (await script(commitScript, keys, args)) as Reply;
        if (status === 'lease') throw new LeaseLostError(c, commit.lease.token);
        if (status === 'conflict') throw new ConversationConflictError(c, commit.expectedVersion, Number(version));
        return Number(version);
      }),

    beginEffect: (effect) =>
      run('journal an effect', async () => {
        validateEffect(effect);
        const c = effect.conversationId;
        const entry = JSON.stringify({ conversationId: c, turnId: effect.turnId, command: effect.command, args: effect.args ?? null, startedAt: now() });
        const keys = [k.lease(c), k.effects, k.effectResults, k.effectKeys(c)];
        const [status, result] = (await script(beginEffectScript, keys, [...leaseArgs(effect.lease), effect.key, entry])) as Reply;
        if (status === 'lease') throw new LeaseLostError(c, effect.lease.token);
        if (status === 'finished') return { status: 'finished' as const, result: JSON.parse(String(result)) as unknown };
        return { status: status === 'new' ? ('new' as const) : ('started' as const) };
      }),

    finishEffect: (key, result) =>
      run('record an effect result', async () => {
        await script(finishEffectScript, [k.effects, k.effectResults, k.effectsDone], [key, JSON.stringify(result ?? null), now()]);
      }),

    transcript: (conversationId, range) =>
      run('read the transcript', async () => {
        validateConversationId(conversationId);
        validateRange(range);
        const members = await client.zrangebyscore(k.lines(conversationId), `(${range.afterSeq}`, '+inf', 'LIMIT', 0, range.limit);
        return members.map(parseTranscriptMember);
      }),

    recentTranscript: (conversationId, limit) =>
      run('read the transcript', async () => {
        validateConversationId(conversationId);
        validateRange({ afterSeq: 0, limit });
        const members = await client.zrevrange(k.lines(conversationId), 0, limit - 1);
        return members.reverse().map(parseTranscriptMember);
      }),

    reviseReply: (conversationId, turnId, text) =>
      run('revise a reply', async () => {
        validateReplyRevision(conversationId, turnId, text);
        return (await script(reviseReplyScript, [k.lines(conversationId)], [turnId, JSON.stringify(text), reviseReplyWindow])) === 1;
      }),

    acquireLease: (conversationId, owner, ttlMs) =>
      run('take a lease', async () => {
        validateConversationId(conversationId);
        const token = await script(acquireLeaseScript, [k.lease(conversationId)], [owner, ttlMs, now()]);
        return token === null ? undefined : { conversationId, owner, token: Number(token) };
      }),

    releaseLease: (lease) =>
      run('release a lease', async () => {
        await script(releaseLeaseScript, [k.lease(lease.conversationId)], [lease.owner, lease.token]);
      }),

    leaseHolder: (conversationId) =>
      run('read a lease', async () => {
        validateConversationId(conversationId);
        const [owner, expiresAt] = await client.hmget(k.lease(conversationId), 'owner', 'expiresAt');
        return typeof owner === 'string' && Number(expiresAt) >= now() ? owner : undefined;
      }),

    takeOverLease: (conversationId, from, owner, ttlMs) =>
      run('take over a lease', async () => {
        validateConversationId(conversationId);
        const token = await script(takeOverLeaseScript, [k.lease(conversationId)], [from, owner, ttlMs, now()]);
        return token === null ? undefined : { conversationId, owner, token: Number(token) };
      }),

    purge: (before) => run('purge', () => purgeRedisStore(client, k, script, before)),

    probe: () =>
      run('write', async () => {
        await client.set(k.probe, String(now()));
      }),

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function resolveOptions(options: RedisStoreOptions): Required<Omit<RedisStoreOptions, 'onConnectionError'>> {
  const keyPrefix = options.keyPrefix ?? defaultRedisStoreOptions.keyPrefix;
  const commandTimeoutMs = options.commandTimeoutMs ?? defaultRedisStoreOptions.commandTimeoutMs;
  if (typeof options.url !== 'string' || options.url.length === 0) throw new ConfigError('url', 'a redis:// URL', options.url);
  if (typeof keyPrefix !== 'string') throw new ConfigError('keyPrefix', 'a string', keyPrefix);
  if (!Number.isSafeInteger(commandTimeoutMs) || commandTimeoutMs < 1) {
    throw new ConfigError('commandTimeoutMs', 'an integer number of milliseconds >= 1', commandTimeoutMs);
  }
  return { url: options.url, keyPrefix, now: options.now ?? defaultRedisStoreOptions.now, commandTimeoutMs };
}
