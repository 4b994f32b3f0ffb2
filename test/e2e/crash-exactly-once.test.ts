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
import {
  doneReply,
  learnReturnFlow,
  normalizeReply,
  type ReturnFlow,
  returnOrder,
} from '../support/return-flow.ts';
import {
  createServerSupervisor,
  killServer,
  type ServerLife,
  type ServerSupervisor,
} from '../support/server-supervisor.ts';
import {
  type Acknowledged,
  postTurn,
  readWholeHistory,
  sendUntilAcknowledged,
} from '../support/turn-client.ts';

/**
 * Crash tests on real `parley start` processes with the Acme bot and its SQLite files: the processes die by
 * their crash points (PARLEY_CRASH_POINTS) and by SIGKILL from outside; a client resends each message with its
 * turn id until it gets a 200, the supervisor restarting the server on the same data directory. The return flow
 * is walked once first (see learnReturnFlow), so the tests follow it as the bot has it now.
 */

const crashPoints = [
  'after-accept',
  'after-journal',
  'after-command',
  'before-commit',
  'after-commit',
] as const;
/**
 * Crash chances per turn at each point: low enough that deaths spread over the whole flow (about one turn in seven
 * dies, one message that opens a return in three), so that the return's own points are reached in every run.
 */
const randomCrashPoints =
  'after-accept:0.05,after-journal:0.15,after-command:0.15,before-commit:0.05,after-commit:0.05';
/**
 * Deaths (by crash points and outside kills) after which processes start without crash points. Each death costs a
 * restart, several seconds on a busy machine, so this bounds the run's length whatever the load.
 */
const randomDeathBudget = 10;
const maxOutsideKills = 3;

/**
 * How long one message may take to be acknowledged by a running process, restarts not counted: a crash costs a
 * restart, it must not stall the conversation (e.g. behind the dead process's lease, a 15 s wait).
 */
const perMessageMs = 25_000;
/** Longest a live server may take to answer one request (a turn here takes milliseconds): below the lease wait. */
const maxAnswerMs = 14_000;

const turnId = (conversationId: string, step: number) => `${conversationId}-t${step + 1}`;

/** Acknowledged within {@link perMessageMs} of its first send. */
function expectPrompt(ack: Acknowledged, what: string): void {
  expect(
    ack.elapsedMs,
    `${what} was acknowledged only after ${ack.elapsedMs} ms (${ack.attempts} attempts, ${ack.unavailable} × 503, ${ack.connectionFailures} connection failures)`,
  ).toBeLessThan(perMessageMs);
}

let supervisor: ServerSupervisor | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** Sends `steps` of the flow in one conversation, each with its turn id until it gets a 200 with the flow's reply. */
async function converse(
  sup: ServerSupervisor,
  flow: ReturnFlow,
  conversationId: string,
  steps: readonly number[],
  options: { onSent?: (life: ServerLife) => void; randomDeadlineMs?: number } = {},
): Promise<Acknowledged[]> {
  const acks: Acknowledged[] = [];
  const random = options.randomDeadlineMs !== undefined;
  for (const step of steps) {
    const { text, reply } = flow.steps[step]!;
    const ack = await sendUntilAcknowledged(sup, conversationId, text, turnId(conversationId, step), {
      deadline: Date.now() + (options.randomDeadlineMs ?? perMessageMs),
      maxAnswerMs,
      ...(options.onSent ? { onSent: options.onSent } : {}),
    });
    expect(normalizeReply(ack.reply), `${conversationId} step ${step + 1} (${ack.status})`).toBe(reply);
    if (!random) expectPrompt(ack, `${conversationId} step ${step + 1}`);
    acks.push(ack);
  }
  return acks;
}

/**
 * The end state a clean restart must show for conversations that got every message acknowledged: each
 * transcript has the flow's user lines once each, in order, each followed by the reply as it was acknowledged;
 * each conversation has exactly one journaled `create_return`, finished, and exactly one return under its key,
 * the one its reply named; no return without a journal entry; nothing left unfinished in the inbox.
 */
async function expectExactlyOnce(
  url: string,
  dir: string,
  flow: ReturnFlow,
  acknowledged: ReadonlyMap<string, Acknowledged[]>,
  otherReturns: number,
) {
  const returns = readReturnsWithKeys(dir);
  const effects = readEffects(dir).filter((e) => e.command === 'create_return');
  expect(unjournaledReturns(dir)).toEqual([]);
  expect(returns).toHaveLength(acknowledged.size + otherReturns);
  expect(new Set(returns.map((r) => r.return_id)).size).toBe(returns.length);
  const pending = readInbox(dir).filter((t) => t.status !== 'done' && acknowledged.has(t.conversation_id));
  expect(pending).toEqual([]);

  for (const [conversationId, acks] of acknowledged) {
    const history = await readWholeHistory(url, conversationId);
    expect(history.filter((l) => l.role === 'user').map((l) => [l.turnId, l.text])).toEqual(
      flow.steps.map((s, i) => [turnId(conversationId, i), s.text]),
    );
    // Each user line is followed by its reply, exactly as it was acknowledged.
    expect(history.map((l) => l.turnId)).toEqual(
      flow.steps.flatMap((_, i) => [turnId(conversationId, i), turnId(conversationId, i)]),
    );
    for (const [i, ack] of acks.entries()) {
      const botText = history.filter((l) => l.role === 'bot' && l.turnId === turnId(conversationId, i));
      expect(botText.map((l) => l.text).join('\n'), `${conversationId} reply ${i + 1}`).toBe(ack.reply);
    }

    const returnId = doneReply.exec(acks[flow.effectStep]!.reply)?.[1];
    const journal = effects.filter((e) => e.conversation_id === conversationId);
    expect(journal, `${conversationId} journal`).toHaveLength(1);
    expect(journal[0]).toMatchObject({
      turn_id: turnId(conversationId, flow.effectStep),
      status: 'finished',
    });
    expect(JSON.parse(journal[0]!.result!)).toMatchObject({ created: true, return: { return_id: returnId } });
    expect(
      returns.filter((r) => r.idempotency_key === journal[0]!.key),
      `${conversationId} returns`,
    ).toEqual([
      {
        return_id: returnId,
        order_id: returnOrder.orderId,
        reason: returnOrder.reason,
        idempotency_key: journal[0]!.key,
      },
    ]);
  }
}

describe('exactly once through crashes (real processes, SQLite, SIGKILL)', () => {
  it('dies at each crash point in turn; what is durable at that moment is consistent, and a restart finishes the turn once', {
    // Twelve starts of several seconds each under load.
    timeout: 480_000,
  }, async () => {
    const started = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'parley-crash-points-'));
    dataDir = dir;
    const sup = createServerSupervisor({ env: { PARLEY_DATA_DIR: dir } });
    supervisor = sup;
    const flow = await learnReturnFlow((await sup.running()).url);
    const beforeEffect = flow.steps.slice(0, flow.effectStep).map((_, i) => i);
    const conversation = (point: string) => `point-${point}`;
    const acknowledged = new Map<string, Acknowledged[]>();
    // Up to the message that opens the return, without crash points.
    await Promise.all(
      crashPoints.map(async (point) =>
        acknowledged.set(conversation(point), await converse(sup, flow, conversation(point), beforeEffect)),
      ),
    );

    for (const point of crashPoints) {
      const id = conversation(point);
      const effectTurn = turnId(id, flow.effectStep);
      const { text } = flow.steps[flow.effectStep]!;
      sup.setEnv({ PARLEY_DATA_DIR: dir, PARLEY_CRASH_POINTS: `${point}:1` });
      await sup.kill();
      const doomed = await sup.running();
      const request = postTurn(doomed.url, id, text, effectTurn).then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error }),
      );
      expect(await doomed.exited, `${point}: the process killed itself`).toEqual({
        code: null,
        signal: 'SIGKILL',
      });
      expect(await request, `${point}: no answer came`).toHaveProperty('error');

      // What the store and the ledger hold at the moment of death.
      const inbox = readInbox(dir).find((t) => t.conversation_id === id && t.turn_id === effectTurn);
      const journal = readEffects(dir).filter((e) => e.conversation_id === id);
      const returns = readReturnsWithKeys(dir).filter((r) =>
        journal.some((e) => e.key === r.idempotency_key),
      );
      expect(unjournaledReturns(dir), `${point}: no return without its journal entry`).toEqual([]);
      const moment = { inbox: inbox?.status, journal: journal.map((e) => e.status), returns: returns.length };
      const expected = {
        'after-accept': { inbox: 'accepted', journal: [], returns: 0 },
        'after-journal': { inbox: 'accepted', journal: ['started'], returns: 0 },
        'after-command': { inbox: 'accepted', journal: ['started'], returns: 1 },
        'before-commit': { inbox: 'accepted', journal: ['finished'], returns: 1 },
        'after-commit': { inbox: 'done', journal: ['finished'], returns: 1 },
      }[point];
      expect(moment, `${point}: durable state at the crash`).toEqual(expected);

      // A restart without crash points, and the client sends the same turn id again; the time the restart takes
      // depends on the machine's load, what follows it on the turn core.
      sup.setEnv({ PARLEY_DATA_DIR: dir });
      await sup.running();
      const ack = await sendUntilAcknowledged(sup, id, text, effectTurn, {
        deadline: Date.now() + perMessageMs,
        maxAnswerMs,
      });
      expect(normalizeReply(ack.reply), `${point}: the message sent again`).toBe(
        flow.steps[flow.effectStep]!.reply,
      );
      expectPrompt(ack, `${point}: the message sent again`);
      acknowledged.get(id)!.push(ack);
    }

    await sup.kill();
    const final = await sup.running();
    await expectExactlyOnce(final.url, dir, flow, acknowledged, 1);
    console.info(
      `crash points one by one: ${sup.starts} starts, ${sup.deaths} deaths, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  it('random crash points and outside SIGKILLs across concurrent conversations: every return opened exactly once, nothing acknowledged lost', {
    // Bounded by the death budget, not by time: about (budget + 4) starts of several seconds each under load.
    timeout: 480_000,
  }, async () => {
    const started = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'parley-crash-random-'));
    dataDir = dir;
    const sup = createServerSupervisor({ env: { PARLEY_DATA_DIR: dir } });
    supervisor = sup;
    const flow = await learnReturnFlow((await sup.running()).url);
    sup.setEnv({ PARLEY_DATA_DIR: dir, PARLEY_CRASH_POINTS: randomCrashPoints });
    await sup.kill();
    const restartStarted = Date.now();
    await sup.running();
    const restartMs = Date.now() - restartStarted;
    // A message may see every death of the budget in a row, each a restart (allowed twice the one measured, at least
    // 15 s: the load may grow during the run).
    const randomDeadlineMs = perMessageMs + (randomDeathBudget + 1) * Math.max(2 * restartMs, 15_000);
    const deathsBefore = sup.deaths;
    const budgetSpent = () => sup.deaths - deathsBefore >= randomDeathBudget;
    const budgetWatch = setInterval(() => {
      if (budgetSpent()) sup.setEnv({ PARLEY_DATA_DIR: dir });
    }, 20);
    // Kills from outside, a few milliseconds after a request went out (usually in the middle of its turn).
    let outsideKills = 0;
    const maybeKill = (life: ServerLife) => {
      if (outsideKills >= maxOutsideKills || budgetSpent() || Math.random() >= 0.1) return;
      outsideKills += 1;
      setTimeout(() => void killServer(life), Math.floor(Math.random() * 25));
    };
    const conversations = Array.from({ length: 5 }, (_, i) => `random-${i + 1}`);
    const everyStep = flow.steps.map((_, i) => i);
    const acknowledged = new Map<string, Acknowledged[]>();
    try {
      await Promise.all(
        conversations.map(async (id) =>
          acknowledged.set(id, await converse(sup, flow, id, everyStep, { onSent: maybeKill, randomDeadlineMs })),
        ),
      );
    } finally {
      clearInterval(budgetWatch);
    }
    const crashed = sup.deaths - deathsBefore;
    const resends = [...acknowledged.values()].flat().reduce((n, a) => n + a.attempts - 1, 0);
    // The crashes were real: processes died and messages had to be sent again.
    expect(crashed).toBeGreaterThan(1);
    expect(resends).toBeGreaterThan(0);

    sup.setEnv({ PARLEY_DATA_DIR: dir });
    await sup.kill();
    const final = await sup.running();
    await expectExactlyOnce(final.url, dir, flow, acknowledged, 1);
    const slowest = Math.max(...[...acknowledged.values()].flat().map((a) => a.elapsedMs));
    console.info(
      `random crashes: ${conversations.length} conversations × ${flow.steps.length} messages, ${sup.starts} starts (a restart took ${restartMs} ms), ${crashed} deaths (budget ${randomDeathBudget}, ${outsideKills} outside kills scheduled), ${resends} resends, slowest acknowledgement ${slowest} ms, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
