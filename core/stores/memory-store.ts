import { type ConversationStore, type Lease, reviseReplyWindow, type StoredConversation } from '../contracts/conversation-store.ts';
import { ConversationConflictError } from '../contracts/errors/conversation-conflict-error.ts';
import { LeaseLostError } from '../contracts/errors/lease-lost-error.ts';
import { StoreClosedError } from '../contracts/errors/store-closed-error.ts';
import type { TranscriptLine } from '../contracts/transcript.ts';
import type { TurnResult } from '../contracts/turn-result.ts';
import type { UserTurn } from '../contracts/user-turn.ts';
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

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Clock for `updatedAt`, leases and retention, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link MemoryStoreOptions}. */
export const defaultMemoryStoreOptions: Required<MemoryStoreOptions> = {
  now: () => Date.now(),
};

interface MemoryRecord {
  version: number;
  /** State as JSON text: a deep copy that callers cannot mutate, serialised exactly as SQLite would. */
  json: string;
  updatedAt: number;
}

interface InboxRecord {
  turn: string;
  acceptedAt: number;
  result?: string;
  finishedAt?: number;
}

interface EffectEntry {
  conversationId: string;
  result?: string;
  finishedAt?: number;
}

/**
 * A {@link ConversationStore} that keeps conversations in this process's memory (provider "memory").
 * For tests and single-process development: everything is lost when the process exits.
 *
 * @example
 * const store = createMemoryStore();
 * const version = await store.save('c1', { step: 'greet' }, 0); // 1
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const now = options.now ?? defaultMemoryStoreOptions.now;
  const records = new Map<string, MemoryRecord>();
  const inbox = new Map<string, Map<string, InboxRecord>>();
  const effects = new Map<string, EffectEntry>();
  const transcripts = new Map<string, TranscriptLine[]>();
  const leases = new Map<string, Lease & { expiresAt: number }>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError('memory');
  };
  const turnsOf = (conversationId: string) => {
    const turns = inbox.get(conversationId) ?? new Map<string, InboxRecord>();
    inbox.set(conversationId, turns);
    return turns;
  };
  const checkLease = (lease: Lease): void => {
    const held = leases.get(lease.conversationId);
    if (!held || held.owner !== lease.owner || held.token !== lease.token || held.expiresAt < now()) {
      throw new LeaseLostError(lease.conversationId, lease.token);
    }
  };
  const saveState = (conversationId: string, json: string, expectedVersion: number): number => {
    const actualVersion = records.get(conversationId)?.version ?? 0;
    if (actualVersion !== expectedVersion) throw new ConversationConflictError(conversationId, expectedVersion, actualVersion);
    records.set(conversationId, { version: actualVersion + 1, json, updatedAt: now() });
    return actualVersion + 1;
  };

  return {
    provider: 'memory',

    async load(conversationId): Promise<StoredConversation | undefined> {
      assertOpen();
      validateConversationId(conversationId);
      const record = records.get(conversationId);
      if (record === undefined) return undefined;
      return { id: conversationId, version: record.version, state: JSON.parse(record.json), updatedAt: record.updatedAt };
    },

    async save(conversationId, state, expectedVersion) {
      assertOpen();
      validateConversationId(conversationId);
      validateExpectedVersion(conversationId, expectedVersion);
      return saveState(conversationId, serializeState(conversationId, state), expectedVersion);
    },

    async delete(conversationId) {
      assertOpen();
      validateConversationId(conversationId);
      inbox.delete(conversationId);
      transcripts.delete(conversationId);
      leases.delete(conversationId);
      for (const [key, effect] of effects) if (effect.conversationId === conversationId) effects.delete(key);
      return records.delete(conversationId);
    },

    async acceptTurn(turn) {
      assertOpen();
      validateTurn(turn);
      const turns = turnsOf(turn.conversationId);
      const found = turns.get(turn.id);
      if (found?.result) return { status: 'done', result: JSON.parse(found.result) as TurnResult };
      if (found) return { status: 'pending' };
      turns.set(turn.id, { turn: JSON.stringify(turn), acceptedAt: now() });
      return { status: 'new' };
    },

    async findTurn(conversationId, turnId) {
      assertOpen();
      validateConversationId(conversationId);
      const found = inbox.get(conversationId)?.get(turnId);
      if (found?.result) return { status: 'done', result: JSON.parse(found.result) as TurnResult };
      return found ? { status: 'pending' } : { status: 'new' };
    },

    async pendingTurns() {
      assertOpen();
      return [...inbox.values()]
        .flatMap((turns) => [...turns.values()].filter((t) => t.result === undefined))
        .sort((a, b) => a.acceptedAt - b.acceptedAt)
        .map((t) => JSON.parse(t.turn) as UserTurn);
    },

    async abandonTurn(conversationId, turnId) {
      assertOpen();
      validateConversationId(conversationId);
      const turns = inbox.get(conversationId);
      if (!turns?.get(turnId) || turns.get(turnId)?.result !== undefined) return false;
      return turns.delete(turnId);
    },

    async commitTurn(commit) {
      assertOpen();
      validateConversationId(commit.conversationId);
      validateExpectedVersion(commit.conversationId, commit.expectedVersion);
      validateLease(commit.lease);
      const json = serializeState(commit.conversationId, commit.state);
      checkLease(commit.lease);
      const version = saveState(commit.conversationId, json, commit.expectedVersion);
      const turns = turnsOf(commit.conversationId);
      for (const r of commit.results) {
        const entry = turns.get(r.turnId) ?? { turn: JSON.stringify({ id: r.turnId, conversationId: r.conversationId }), acceptedAt: now() };
        turns.set(r.turnId, { ...entry, result: JSON.stringify(r), finishedAt: now() });
      }
      const lines = transcripts.get(commit.conversationId) ?? [];
      let seq = lines.at(-1)?.seq ?? 0;
      for (const l of commit.lines) lines.push({ seq: ++seq, role: l.role, text: l.text, at: l.at, turnId: l.turnId });
      transcripts.set(commit.conversationId, lines);
      return version;
    },

    async beginEffect(effect) {
      assertOpen();
      validateEffect(effect);
      checkLease(effect.lease);
      const found = effects.get(effect.key);
      if (found?.result !== undefined) return { status: 'finished', result: JSON.parse(found.result) };
      if (found) return { status: 'started' };
      effects.set(effect.key, { conversationId: effect.conversationId });
      return { status: 'new' };
    },

    async finishEffect(key, result) {
      assertOpen();
      const found = effects.get(key);
      if (found) Object.assign(found, { result: JSON.stringify(result ?? null), finishedAt: now() });
    },

    async transcript(conversationId, range) {
      assertOpen();
      validateConversationId(conversationId);
      validateRange(range);
      return (transcripts.get(conversationId) ?? []).filter((l) => l.seq > range.afterSeq).slice(0, range.limit).map((l) => ({ ...l }));
    },

    async recentTranscript(conversationId, limit) {
      assertOpen();
      validateConversationId(conversationId);
      validateRange({ afterSeq: 0, limit });
      return (transcripts.get(conversationId) ?? []).slice(-limit).map((l) => ({ ...l }));
    },

    async acquireLease(conversationId, owner, ttlMs) {
      assertOpen();
      validateConversationId(conversationId);
      const held = leases.get(conversationId);
      const at = now();
      if (held && held.owner !== owner && held.expiresAt >= at) return undefined;
      const token = held && held.owner === owner && held.expiresAt >= at ? held.token : (held?.token ?? 0) + 1;
      leases.set(conversationId, { conversationId, owner, token, expiresAt: at + ttlMs });
      return { conversationId, owner, token };
    },

    async releaseLease(lease) {
      assertOpen();
      const held = leases.get(lease.conversationId);
      if (held && held.owner === lease.owner && held.token === lease.token) held.expiresAt = 0;
    },

    async leaseHolder(conversationId) {
      assertOpen();
      validateConversationId(conversationId);
      const held = leases.get(conversationId);
      return held && held.expiresAt >= now() ? held.owner : undefined;
    },

    async reviseReply(conversationId, turnId, text) {
      assertOpen();
      validateReplyRevision(conversationId, turnId, text);
      const lines = transcripts.get(conversationId) ?? [];
      const from = Math.max(0, lines.length - reviseReplyWindow);
      const ofReply = (l: TranscriptLine, i: number) => i >= from && l.role === 'bot' && l.turnId === turnId;
      const last = lines.findLastIndex(ofReply);
      if (last < 0) return false;
      const kept = lines.flatMap((l, i) => (i === last ? [{ ...l, text }] : ofReply(l, i) ? [] : [l]));
      transcripts.set(conversationId, kept);
      return true;
    },

    async takeOverLease(conversationId, from, owner, ttlMs) {
      assertOpen();
      validateConversationId(conversationId);
      const held = leases.get(conversationId);
      if (!held || held.owner !== from) return undefined;
      const lease = { conversationId, owner, token: held.token + 1 };
      leases.set(conversationId, { ...lease, expiresAt: now() + ttlMs });
      return lease;
    },

    async purge(before) {
      assertOpen();
      let removed = 0;
      for (const turns of inbox.values())
        for (const [id, t] of turns) if (t.finishedAt !== undefined && t.finishedAt < before && turns.delete(id)) removed += 1;
      for (const [key, e] of effects) if (e.finishedAt !== undefined && e.finishedAt < before && effects.delete(key)) removed += 1;
      for (const [id, lines] of transcripts) {
        const kept = lines.filter((l) => l.at >= before);
        removed += lines.length - kept.length;
        transcripts.set(id, kept);
      }
      return removed;
    },

    async probe() {
      assertOpen();
    },

    async close(): Promise<void> {
      closed = true;
      records.clear();
      inbox.clear();
      effects.clear();
      transcripts.clear();
      leases.clear();
    },
  };
}
