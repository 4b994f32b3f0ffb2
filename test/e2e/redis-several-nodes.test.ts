import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAcmeCustomer, returnOpened } from '../support/acme-customer.ts';
import { type NodeAcknowledged, type NodePair, sendToAnyNode, startNodes } from '../support/node-pair.ts';
import { readReturnsWithKeys } from '../support/read-durability-records.ts';
import { countPendingTurns, readRedisEffects, readRedisReturns } from '../support/redis-durability-records.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { type HistoryLine, readWholeHistory } from '../support/turn-client.ts';

/**
 * Two real `parley start` processes (the Acme bot) behind a client that sends each turn to a random node and sends
 * it again, same turn id, to a random node when its node died or answered 503; nodes are SIGKILLed during the run
 * and restarted. With Redis (store, leases, ledger) every acknowledged turn must be in its conversation's
 * transcript once, in order, and every return opened once; the memory store in the same harness shows what is lost
 * without it. Scale with REDIS_KILL_CONVERSATIONS and REDIS_KILL_TURNS (defaults: the 100 × 40).
 */

const conversations = Number(process.env.REDIS_KILL_CONVERSATIONS ?? 100);
const turnsPerConversation = Number(process.env.REDIS_KILL_TURNS ?? 40);
const kills = 5;

const environment = (dataDir: string) => ({
  PARLEY_DATA_DIR: dataDir,
  PARLEY_WEB_SECRET: 'a shared secret of the two nodes, 32+ chars',
  // Every client of this test comes from 127.0.0.1: the per-address limits would refuse the load.
  PARLEY_LIMIT_REST_REQUESTS: 'off',
  PARLEY_LIMIT_PENDING_BODIES: '10000',
});

let redis: RedisServer | undefined;
let nodes: NodePair | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await nodes?.stop();
  nodes = undefined;
  await redis?.destroy();
  redis = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-nodes-'));
  dirs.push(dir);
  return dir;
};

interface SentTurn {
  turnId: string;
  text: string;
  ack: NodeAcknowledged;
}

interface RunOutcome {
  sent: Map<string, SentTurn[]>;
  killed: number[];
  seconds: number;
}

/** Runs `count` conversations of `turns` turns at once, killing a random node each time another sixth of them is acknowledged. */
async function runLoad(pair: NodePair, count: number, turns: number, killCount: number): Promise<RunOutcome> {
  const started = Date.now();
  const customer = createAcmeCustomer();
  const total = count * turns;
  const killAt = Array.from({ length: killCount }, (_, i) => Math.floor(((i + 1) * total) / (killCount + 1)));
  const killed: number[] = [];
  let acknowledged = 0;
  let killing = Promise.resolve();
  const sent = new Map<string, SentTurn[]>();
  await Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const conversationId = `conv-${n + 1}`;
      const turnsSent: SentTurn[] = [];
      sent.set(conversationId, turnsSent);
      for (let turn = 1; turn <= turns; turn += 1) {
        const text = customer(turnsSent.at(-1)?.ack.reply, turn);
        const turnId = `${conversationId}-t${turn}`;
        const ack = await sendToAnyNode(pair, conversationId, text, turnId);
        turnsSent.push({ turnId, text, ack });
        acknowledged += 1;
        if (killAt[0] !== undefined && acknowledged >= killAt[0]) {
          killAt.shift();
          killing = killing.then(async () => {
            killed.push(await pair.killRandom());
          });
        }
      }
    }),
  );
  await killing;
  return { sent, killed, seconds: (Date.now() - started) / 1000 };
}

/** Each conversation's transcript as every node reads it now. */
async function readTranscripts(pair: NodePair, ids: readonly string[]): Promise<Map<string, HistoryLine[][]>> {
  const lives = await Promise.all(pair.supervisors.map((s) => s.running()));
  const transcripts = new Map<string, HistoryLine[][]>();
  for (const id of ids) transcripts.set(id, await Promise.all(lives.map((life) => readWholeHistory(life.url, id, 100))));
  return transcripts;
}

/**
 * Acknowledged turns missing from every node's transcript (lost), and conversations that no node has whole (each
 * acknowledged turn once, in the order sent, followed by the reply that was acknowledged).
 */
function countLosses(sent: Map<string, SentTurn[]>, transcripts: Map<string, HistoryLine[][]>) {
  let lost = 0;
  let broken = 0;
  for (const [id, turns] of sent) {
    const seen = transcripts.get(id)!;
    const present = new Set(seen.flat().map((l) => l.turnId));
    lost += turns.filter((t) => !present.has(t.turnId)).length;
    const expected = JSON.stringify(turns.flatMap((t) => [['user', t.turnId, t.text], ['bot', t.turnId, t.ack.reply]]));
    const whole = seen.some((lines) => {
      // A reply of several parts is several bot lines; the acknowledged reply is their text joined.
      const merged: Array<[string, string, string]> = [];
      for (const l of lines) {
        const previous = merged.at(-1);
        if (l.role === 'bot' && previous?.[0] === 'bot' && previous[1] === l.turnId) previous[2] = `${previous[2]}\n${l.text}`;
        else merged.push([l.role, l.turnId, l.text]);
      }
      return JSON.stringify(merged) === expected;
    });
    if (!whole) broken += 1;
  }
  return { lost, broken };
}

function summary(outcome: RunOutcome) {
  const acks = [...outcome.sent.values()].flat().map((t) => t.ack);
  return {
    turns: acks.length,
    resends: acks.reduce((n, a) => n + a.attempts - 1, 0),
    connectionFailures: acks.reduce((n, a) => n + a.connectionFailures, 0),
    unavailable: acks.reduce((n, a) => n + a.unavailable, 0),
    slowestMs: Math.max(...acks.map((a) => a.elapsedMs)),
    returnsAcknowledged: acks.filter((a) => returnOpened.test(a.reply)).map((a) => returnOpened.exec(a.reply)![1]!),
  };
}

describe('several nodes on one Redis, nodes SIGKILLed during the load', () => {
  it(`${conversations} conversations × ${turnsPerConversation} turns through two nodes, ${kills} kills: nothing acknowledged lost, no return opened twice, order kept`, {
    timeout: 600_000,
  }, async () => {
    redis = await startRedisServer();
    const url = redis.url;
    nodes = await startNodes([tempDir(), tempDir()].map((dir) => ({ ...environment(dir), PARLEY_REDIS_URL: url })));
    const outcome = await runLoad(nodes, conversations, turnsPerConversation, kills);
    const s = summary(outcome);
    const deaths = nodes.supervisors.reduce((n, sup) => n + sup.deaths, 0);

    const transcripts = await readTranscripts(nodes, [...outcome.sent.keys()]);
    const { lost, broken } = countLosses(outcome.sent, transcripts);
    const client = redis.client();
    const [returns, effects, pending] = await Promise.all([readRedisReturns(client), readRedisEffects(client), countPendingTurns(client)]);
    client.disconnect();
    const journaled = new Set(effects.filter((e) => e.command === 'create_return').map((e) => e.key));
    const unjournaled = returns.filter((r) => !journaled.has(r.idempotency_key)).length;
    const openedTwice = returns.length - s.returnsAcknowledged.length;
    console.info(
      `redis, two nodes: ${conversations} conversations × ${turnsPerConversation} turns = ${s.turns} acknowledged in ${outcome.seconds.toFixed(1)} s; ${outcome.killed.length} SIGKILLs (nodes ${outcome.killed.join(', ')}), ${deaths} deaths; ${s.resends} resends (${s.connectionFailures} connection failures, ${s.unavailable} × 503), slowest acknowledgement ${s.slowestMs} ms; lost ${lost}, conversations not whole or out of order ${broken}, returns ${returns.length} for ${s.returnsAcknowledged.length} acknowledged (${openedTwice} run twice, ${unjournaled} unjournaled), ${pending} turns left unfinished`,
    );
    expect(outcome.killed).toHaveLength(kills);
    expect(deaths).toBeGreaterThanOrEqual(kills);
    expect(s.connectionFailures, 'the kills hit requests in flight').toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(broken).toBe(0);
    expect(openedTwice).toBe(0);
    expect(unjournaled).toBe(0);
    expect(new Set(returns.map((r) => r.return_id)).size).toBe(returns.length);
    expect(returns.map((r) => r.return_id).sort()).toEqual([...s.returnsAcknowledged].sort());
    expect(pending).toBe(0);
    // Both nodes read the same transcripts.
    for (const [id, [fromA, fromB]] of transcripts) expect(fromB, id).toEqual(fromA);
  });

  it('the memory store in the same harness (negative control): acknowledged turns are lost and conversations split', {
    timeout: 300_000,
  }, async () => {
    // A tenth of the conversations, half the turns and three kills are enough to show it (and keep the run short).
    const count = Math.max(2, Math.round(conversations / 10));
    const turns = Math.max(5, Math.round(turnsPerConversation / 2));
    const dataDirs = [tempDir(), tempDir()];
    nodes = await startNodes(dataDirs.map((dir) => ({ ...environment(dir), PARLEY_STORE: 'memory' })));
    const outcome = await runLoad(nodes, count, turns, 3);
    const s = summary(outcome);
    const transcripts = await readTranscripts(nodes, [...outcome.sent.keys()]);
    const { lost, broken } = countLosses(outcome.sent, transcripts);
    const returns = dataDirs.flatMap((dir) => readReturnsWithKeys(dir)).length;
    console.info(
      `memory (negative control), two nodes: ${count} conversations × ${turns} turns = ${s.turns} acknowledged in ${outcome.seconds.toFixed(1)} s; ${outcome.killed.length} SIGKILLs, ${s.resends} resends; lost ${lost} acknowledged turns, ${broken} of ${count} conversations not whole, returns ${returns} for ${s.returnsAcknowledged.length} acknowledged (${returns - s.returnsAcknowledged.length} run twice)`,
    );
    expect(lost).toBeGreaterThan(0);
    expect(broken).toBeGreaterThan(0);
  });
});
