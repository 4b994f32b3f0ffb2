import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationStore, Lease } from '../../../core/contracts/conversation-store.ts';
import type { TurnResult } from '../../../core/contracts/turn-result.ts';
import type { UserTurn } from '../../../core/contracts/user-turn.ts';
import type { ConversationStoreContext, ConversationStoreHarness } from './conversation-store-contract.ts';

const startTime = 1_700_000_000_000;

const turnOf = (conversationId: string, id: string, text = `text of ${id}`): UserTurn => ({
  id,
  conversationId,
  user: { id: 'u1', verified: false },
  channel: 'rest',
  text,
  locale: 'en',
  timestamp: startTime,
});

const resultOf = (turn: UserTurn): TurnResult => ({
  turnId: turn.id,
  conversationId: turn.conversationId,
  status: 'completed',
  events: [{ type: 'text-end', messageId: `${turn.id}:0`, text: `reply to ${turn.text}` }],
});

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/**
 * The durable turn operations every store keeps (inbox, effects journal, transcript, leases with fencing),
 * run against `makeStore`.
 */
export function describeTurnStoreContract(
  name: string,
  makeStore: (context: ConversationStoreContext) => Promise<ConversationStoreHarness>,
  options: { durable: boolean },
): void {
  describe(`${name} store: inbox, journal, transcript, leases`, () => {
    let harness: ConversationStoreHarness;
    let store: ConversationStore;
    let time: number;

    beforeEach(async () => {
      time = startTime;
      harness = await makeStore({ now: () => time });
      store = harness.store;
    });
    afterEach(async () => harness.cleanup());

    const runTurn = async (s: ConversationStore, turn: UserTurn, version: number, lease: Lease) =>
      s.commitTurn({
        conversationId: turn.conversationId,
        expectedVersion: version,
        state: { last: turn.id },
        results: [resultOf(turn)],
        lines: [
          { role: 'user', text: turn.text, at: time, turnId: turn.id },
          { role: 'bot', text: `reply to ${turn.text}`, at: time, turnId: turn.id },
        ],
        lease,
      });

    it('accepts a turn once, reports it pending until committed, then answers retries with its result', async () => {
      const turn = turnOf('c1', 't1');
      expect(await store.acceptTurn(turn)).toEqual({ status: 'new' });
      expect(await store.acceptTurn(turn)).toEqual({ status: 'pending' });
      expect(await store.pendingTurns()).toEqual([turn]);
      const lease = (await store.acquireLease('c1', 'node-a', 30_000))!;
      expect(await runTurn(store, turn, 0, lease)).toBe(1);
      expect(await store.acceptTurn(turn)).toEqual({ status: 'done', result: resultOf(turn) });
      expect(await store.pendingTurns()).toEqual([]);
      expect(await store.load('c1')).toMatchObject({ version: 1, state: { last: 't1' } });
    });

    it('reads a turn without writing it, and records a turn committed without being accepted first as done', async () => {
      const turn = turnOf('c2', 't1');
      expect(await store.findTurn('c2', 't1')).toEqual({ status: 'new' });
      expect(await store.findTurn('c2', 't1')).toEqual({ status: 'new' });
      const lease = (await store.acquireLease('c2', 'node-a', 30_000))!;
      await runTurn(store, turn, 0, lease);
      expect(await store.findTurn('c2', 't1')).toEqual({ status: 'done', result: resultOf(turn) });
      expect(await store.acceptTurn(turn)).toEqual({ status: 'done', result: resultOf(turn) });
      await store.acceptTurn(turnOf('c2', 't2'));
      expect(await store.findTurn('c2', 't2')).toEqual({ status: 'pending' });
    });

    it('deduplicates every turn id of a long conversation, not a recent window', async () => {
      const lease = (await store.acquireLease('long', 'node-a', 30_000))!;
      for (let i = 0; i < 120; i += 1) {
        const turn = turnOf('long', `t${i}`);
        expect(await store.acceptTurn(turn)).toEqual({ status: 'new' });
        await runTurn(store, turn, i, lease);
      }
      expect(await store.acceptTurn(turnOf('long', 't0'))).toMatchObject({ status: 'done', result: { turnId: 't0' } });
      expect(await store.acceptTurn(turnOf('other', 't0'))).toEqual({ status: 'new' });
    });

    it('lists unfinished turns oldest first across conversations and forgets an abandoned one', async () => {
      await store.acceptTurn(turnOf('a', '1'));
      time += 1;
      await store.acceptTurn(turnOf('b', '2'));
      time += 1;
      await store.acceptTurn(turnOf('a', '3'));
      expect((await store.pendingTurns()).map((t) => `${t.conversationId}/${t.id}`)).toEqual(['a/1', 'b/2', 'a/3']);
      expect(await store.abandonTurn('b', '2')).toBe(true);
      expect(await store.abandonTurn('b', '2')).toBe(false);
      expect(await store.acceptTurn(turnOf('b', '2'))).toEqual({ status: 'new' });
    });

    it('gives a live lease to one owner, hands it over after it expires with a higher token, and fences the old holder', async () => {
      const a = (await store.acquireLease('c1', 'node-a', 1000))!;
      expect(await store.acquireLease('c1', 'node-b', 1000)).toBeUndefined();
      expect(await store.acquireLease('c1', 'node-a', 1000)).toEqual(a);
      time += 1001;
      const b = (await store.acquireLease('c1', 'node-b', 1000))!;
      expect(b.token).toBeGreaterThan(a.token);
      const turn = turnOf('c1', 't1');
      await store.acceptTurn(turn);
      expect(await rejectionOf(runTurn(store, turn, 0, a))).toMatchObject({ name: 'LeaseLostError', retryable: true });
      expect(await store.load('c1')).toBeUndefined();
      expect(await store.acceptTurn(turn)).toEqual({ status: 'pending' });
      expect(await rejectionOf(store.beginEffect({ key: 'k', conversationId: 'c1', turnId: 't1', command: 'x', args: {}, lease: a }))).toMatchObject({ name: 'LeaseLostError' });
      await store.releaseLease(b);
      expect(await store.acquireLease('c1', 'node-a', 1000)).toMatchObject({ owner: 'node-a' });
    });

    it('names the live holder of a lease and lets another owner take it over from that holder only', async () => {
      const a = (await store.acquireLease('c1', 'host:1:dead', 30_000))!;
      expect(await store.leaseHolder('c1')).toBe('host:1:dead');
      expect(await store.takeOverLease('c1', 'someone-else', 'node-b', 30_000)).toBeUndefined();
      const b = (await store.takeOverLease('c1', 'host:1:dead', 'node-b', 30_000))!;
      expect(b).toMatchObject({ owner: 'node-b' });
      expect(b.token).toBeGreaterThan(a.token);
      const turn = turnOf('c1', 't1');
      await store.acceptTurn(turn);
      expect(await rejectionOf(runTurn(store, turn, 0, a))).toMatchObject({ name: 'LeaseLostError' });
      expect(await runTurn(store, turn, 0, b)).toBe(1);
      time += 30_001;
      expect(await store.leaseHolder('c1')).toBeUndefined();
    });

    it('journals an effect once: new, then started until finished, then its result', async () => {
      const lease = (await store.acquireLease('c1', 'node-a', 30_000))!;
      const effect = { key: 'create_return:abc', conversationId: 'c1', turnId: 't1', command: 'create_return', args: { order_id: '45210' }, lease };
      expect(await store.beginEffect(effect)).toEqual({ status: 'new' });
      expect(await store.beginEffect(effect)).toEqual({ status: 'started' });
      await store.finishEffect(effect.key, { created: true, return_id: 'R-1001' });
      expect(await store.beginEffect(effect)).toEqual({ status: 'finished', result: { created: true, return_id: 'R-1001' } });
    });

    it('keeps the whole transcript in order and pages it', async () => {
      const lease = (await store.acquireLease('c1', 'node-a', 30_000))!;
      for (let i = 0; i < 130; i += 1) {
        const turn = turnOf('c1', `t${i}`, `message ${i}`);
        await store.acceptTurn(turn);
        await runTurn(store, turn, i, lease);
      }
      const first = await store.transcript('c1', { afterSeq: 0, limit: 100 });
      expect(first).toHaveLength(100);
      expect(first[0]).toMatchObject({ seq: 1, role: 'user', text: 'message 0', turnId: 't0' });
      const rest = await store.transcript('c1', { afterSeq: first.at(-1)!.seq, limit: 500 });
      expect(rest).toHaveLength(160);
      expect(rest.at(-1)).toMatchObject({ seq: 260, role: 'bot', text: 'reply to message 129' });
      expect((await store.recentTranscript('c1', 2)).map((l) => l.text)).toEqual(['message 129', 'reply to message 129']);
      expect(await rejectionOf(store.transcript('c1', { afterSeq: -1, limit: 10 }))).toMatchObject({ name: 'InputError' });
    });

    it('revises an interrupted reply to what was heard: its bot lines become one, numbers never go back', async () => {
      const lease = (await store.acquireLease('c1', 'node-a', 30_000))!;
      const spoken = turnOf('c1', 'spoken', 'where is my order');
      await store.acceptTurn(spoken);
      await store.commitTurn({
        conversationId: 'c1',
        expectedVersion: 0,
        state: {},
        results: [resultOf(spoken)],
        lines: [
          { role: 'user', text: 'where is my order', at: time, turnId: 'spoken' },
          { role: 'bot', text: 'Let me see. I am looking through our records.', at: time + 1, turnId: 'spoken' },
          { role: 'bot', text: 'Your order "45210" shipped \u2028 today.', at: time + 2, turnId: 'spoken' },
        ],
        lease,
      });
      expect(await store.reviseReply('c1', 'spoken', 'Let me see. I am "looking"')).toBe(true);
      const revised = await store.transcript('c1', { afterSeq: 0, limit: 10 });
      expect(revised).toEqual([
        { seq: 1, role: 'user', text: 'where is my order', at: time, turnId: 'spoken' },
        { seq: 3, role: 'bot', text: 'Let me see. I am "looking"', at: time + 2, turnId: 'spoken' },
      ]);
      const next = turnOf('c1', 'next', 'cancel');
      await store.acceptTurn(next);
      await runTurn(store, next, 1, lease);
      expect((await store.recentTranscript('c1', 3)).map((l) => [l.seq, l.text])).toEqual([
        [3, 'Let me see. I am "looking"'],
        [4, 'cancel'],
        [5, 'reply to cancel'],
      ]);
      expect(await store.reviseReply('c1', 'spoken', '')).toBe(true);
      expect((await store.transcript('c1', { afterSeq: 2, limit: 1 }))[0]).toMatchObject({ seq: 3, role: 'bot', text: '' });
      expect(await store.reviseReply('c1', 'unknown', 'x')).toBe(false);
      expect(await store.reviseReply('other', 'spoken', 'x')).toBe(false);
      expect(await rejectionOf(store.reviseReply('c1', '', 'x'))).toMatchObject({ name: 'InputError', field: 'turnId' });
    });

    it('purges finished turns, effects and lines older than the retention, keeping newer ones', async () => {
      const lease = (await store.acquireLease('c1', 'node-a', 60 * 60_000))!;
      const old = turnOf('c1', 'old');
      await store.acceptTurn(old);
      await runTurn(store, old, 0, lease);
      time += 10_000;
      const recent = turnOf('c1', 'recent');
      await store.acceptTurn(recent);
      await runTurn(store, recent, 1, lease);
      expect(await store.purge(startTime + 5_000)).toBeGreaterThanOrEqual(3);
      expect(await store.acceptTurn(old)).toEqual({ status: 'new' });
      expect(await store.acceptTurn(recent)).toMatchObject({ status: 'done' });
      expect((await store.transcript('c1', { afterSeq: 0, limit: 10 })).map((l) => l.turnId)).toEqual(['recent', 'recent']);
    });

    it('deletes a conversation with its turns, journal and transcript', async () => {
      const lease = (await store.acquireLease('c1', 'node-a', 30_000))!;
      const turn = turnOf('c1', 't1');
      await store.acceptTurn(turn);
      await runTurn(store, turn, 0, lease);
      await store.beginEffect({ key: 'k1', conversationId: 'c1', turnId: 't1', command: 'x', args: {}, lease });
      expect(await store.delete('c1')).toBe(true);
      expect(await store.acceptTurn(turn)).toEqual({ status: 'new' });
      expect(await store.transcript('c1', { afterSeq: 0, limit: 10 })).toEqual([]);
    });

    if (options.durable) it('keeps the inbox, the journal and the transcript across close and reopen', async () => {
      const lease = (await store.acquireLease('c1', 'node-a', 30_000))!;
      const done = turnOf('c1', 'done');
      await store.acceptTurn(done);
      await runTurn(store, done, 0, lease);
      await store.acceptTurn(turnOf('c1', 'unfinished'));
      await store.beginEffect({ key: 'k1', conversationId: 'c1', turnId: 'unfinished', command: 'x', args: {}, lease });
      await store.close();
      const reopened = await harness.reopen!();
      try {
        expect(await reopened.acceptTurn(done)).toMatchObject({ status: 'done', result: { turnId: 'done' } });
        expect((await reopened.pendingTurns()).map((t) => t.id)).toEqual(['unfinished']);
        const again = (await reopened.acquireLease('c1', 'node-a', 30_000))!;
        expect(await reopened.beginEffect({ key: 'k1', conversationId: 'c1', turnId: 'unfinished', command: 'x', args: {}, lease: again })).toEqual({ status: 'started' });
        expect(await reopened.recentTranscript('c1', 10)).toHaveLength(2);
      } finally {
        await reopened.close();
      }
    });
  });
}
