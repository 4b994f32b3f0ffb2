import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readEffects,
  readInbox,
  readReturnsWithKeys,
  unjournaledReturns,
} from '../support/read-durability-records.ts';
import { doneReply, learnReturnFlow, normalizeReply, type ReturnFlow } from '../support/return-flow.ts';
import { killServer, type ServerLife, spawnServer } from '../support/server-supervisor.ts';
import { postTurn, readWholeHistory, type TurnAnswer } from '../support/turn-client.ts';

let servers: ServerLife[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  await Promise.all(servers.map(killServer));
  servers = [];
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

const turnId = (conversationId: string, step: number) => `${conversationId}-t${step + 1}`;

/** Sends the same message (same turn id) to both processes at the same moment. */
function sendToBoth(
  flow: ReturnFlow,
  a: ServerLife,
  b: ServerLife,
  conversationId: string,
  step: number,
): Promise<TurnAnswer[]> {
  const { text } = flow.steps[step]!;
  const id = turnId(conversationId, step);
  return Promise.all([postTurn(a.url, conversationId, text, id), postTurn(b.url, conversationId, text, id)]);
}

/** Both answered 200 with the same reply, the one the flow expects; exactly one of them ran the turn. */
function expectOneRunTwoAnswers(
  flow: ReturnFlow,
  answers: TurnAnswer[],
  conversationId: string,
  step: number,
): string {
  const what = `${conversationId} step ${step + 1}: ${JSON.stringify(answers.map((a) => [a.status, a.body.status, a.body.reply ?? a.body.error]))}`;
  expect(
    answers.map((a) => a.status),
    what,
  ).toEqual([200, 200]);
  expect(normalizeReply(answers[0]!.body.reply ?? ''), what).toBe(flow.steps[step]!.reply);
  expect(answers[1]!.body.reply, what).toBe(answers[0]!.body.reply);
  expect(answers.map((a) => a.body.status).sort(), what).toEqual(['completed', 'duplicate']);
  return answers[0]!.body.reply!;
}

describe('two server processes on one data directory', () => {
  it('the message that opens a return, sent to both at once, opens it once; both answer with its reply; the transcript has the turn once', {
    timeout: 120_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-two-processes-'));
    dataDir = dir;
    // Both start at once on the new directory (schema, secrets and classifier cache created concurrently).
    servers = await Promise.all([
      spawnServer({ PARLEY_DATA_DIR: dir }),
      spawnServer({ PARLEY_DATA_DIR: dir }),
    ]);
    const [a, b] = servers as [ServerLife, ServerLife];
    const flow = await learnReturnFlow(a.url);
    const beforeEffect = flow.steps.slice(0, flow.effectStep).map((_, i) => i);

    // Conversations alternate between the processes up to the effect message; the last one sends every message
    // to both at once.
    const alternating = ['two-1', 'two-2', 'two-3'];
    const racing = 'two-race';
    const replies = new Map<string, string[]>();
    await Promise.all([
      ...alternating.map(async (id, n) => {
        const got: string[] = [];
        for (const step of beforeEffect) {
          const server = (step + n) % 2 === 0 ? a : b;
          const answer = await postTurn(server.url, id, flow.steps[step]!.text, turnId(id, step));
          expect(answer.status, `${id} step ${step + 1}: ${JSON.stringify(answer.body)}`).toBe(200);
          expect(normalizeReply(answer.body.reply ?? '')).toBe(flow.steps[step]!.reply);
          got.push(answer.body.reply!);
        }
        replies.set(id, got);
      }),
      (async () => {
        const got: string[] = [];
        for (const step of beforeEffect) {
          got.push(expectOneRunTwoAnswers(flow, await sendToBoth(flow, a, b, racing, step), racing, step));
        }
        replies.set(racing, got);
      })(),
    ]);

    // Every conversation's effect message, with its one turn id, to both processes at the same moment.
    const conversations = [...alternating, racing];
    const effects = await Promise.all(conversations.map((id) => sendToBoth(flow, a, b, id, flow.effectStep)));
    for (const [i, id] of conversations.entries()) {
      replies.get(id)!.push(expectOneRunTwoAnswers(flow, effects[i]!, id, flow.effectStep));
    }

    const returns = readReturnsWithKeys(dir);
    const journal = readEffects(dir).filter((e) => e.command === 'create_return');
    expect(returns).toHaveLength(conversations.length + 1);
    expect(unjournaledReturns(dir)).toEqual([]);
    expect(readInbox(dir).filter((t) => t.status !== 'done')).toEqual([]);
    for (const id of conversations) {
      const entries = journal.filter((e) => e.conversation_id === id);
      expect(entries, `${id} journal`).toMatchObject([
        { turn_id: turnId(id, flow.effectStep), status: 'finished' },
      ]);
      const returnId = doneReply.exec(replies.get(id)![flow.effectStep]!)?.[1];
      expect(
        returns.filter((r) => r.idempotency_key === entries[0]!.key).map((r) => r.return_id),
        `${id} returns`,
      ).toEqual([returnId]);

      // Each process reads the same transcript: every turn once, with the reply both answered.
      const [fromA, fromB] = await Promise.all([readWholeHistory(a.url, id), readWholeHistory(b.url, id)]);
      expect(fromB).toEqual(fromA);
      expect(fromA.map((l) => [l.role, l.turnId, l.text])).toEqual(
        flow.steps.flatMap((s, step) => [
          ['user', turnId(id, step), s.text],
          ['bot', turnId(id, step), replies.get(id)![step]],
        ]),
      );
    }
  });
});
