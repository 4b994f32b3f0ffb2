import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  canMountFilesystems,
  type Ext4Scratch,
  fillUntilFull,
  mountExt4Image,
  mountTmpfs,
  type ScratchFilesystem,
} from '../support/scratch-filesystems.ts';
import { isAlive, killServer, type ServerLife, spawnServer } from '../support/server-supervisor.ts';
import {
  postTurn,
  postWhileUnavailable,
  readHealth,
  readWholeHistory,
  type TurnAnswer,
} from '../support/turn-client.ts';

/**
 * A real `parley start` process whose data directory is on a filesystem that fills up or turns read-only while
 * it runs. Each test walks the return flow once (learnReturnFlow, one return in the ledger), then brings a
 * conversation to the message that opens the return ("the effect message") before breaking the storage.
 */

let server: ServerLife | undefined;
let filesystem: ScratchFilesystem | undefined;
afterEach(async () => {
  if (server) await killServer(server);
  server = undefined;
  filesystem?.unmount();
  filesystem = undefined;
});

const turnId = (conversationId: string, step: number) => `${conversationId}-t${step + 1}`;

/** Sends the flow's messages before the effect message, each answered with the flow's reply. */
async function toEffectMessage(url: string, flow: ReturnFlow, conversationId: string): Promise<void> {
  for (const [i, { text, reply }] of flow.steps.slice(0, flow.effectStep).entries()) {
    const answer = await postTurn(url, conversationId, text, turnId(conversationId, i));
    expect(answer.status, `${conversationId}: "${text}" ${JSON.stringify(answer.body)}`).toBe(200);
    expect(normalizeReply(answer.body.reply ?? '')).toBe(reply);
  }
}

/** Sends the effect message (its one turn id). */
function sendEffectMessage(url: string, flow: ReturnFlow, conversationId: string): Promise<TurnAnswer> {
  return postTurn(
    url,
    conversationId,
    flow.steps[flow.effectStep]!.text,
    turnId(conversationId, flow.effectStep),
  );
}

/** A refusal a client can act on: 503, a Retry-After in seconds, the `unavailable` code. */
function expectRetryable(answer: TurnAnswer, what: string): void {
  expect(
    { status: answer.status, code: answer.body.error?.code },
    `${what}: ${JSON.stringify(answer.body)}`,
  ).toEqual({
    status: 503,
    code: 'unavailable',
  });
  expect(Number(answer.retryAfter), `${what}: Retry-After`).toBeGreaterThan(0);
}

/** While the store cannot write: every attempt of the effect message is refused as retryable, nothing opened. */
async function expectRefusedWhileBroken(
  url: string,
  dataDir: string,
  flow: ReturnFlow,
  conversationId: string,
): Promise<void> {
  const before = readReturnsWithKeys(dataDir).length;
  // SQLite may need a few writes to notice: every attempt must be refused, none may answer or fail otherwise.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    expectRetryable(await sendEffectMessage(url, flow, conversationId), `effect message, attempt ${attempt}`);
  }
  const health = await readHealth(url);
  expect(health.status).toBe(503);
  expect(health.body.status).toBe('degraded');
  expect(health.body.reason).toEqual(expect.any(String));
  expect(Number(health.retryAfter)).toBeGreaterThan(0);
  expect(readReturnsWithKeys(dataDir)).toHaveLength(before);
}

/**
 * After the store is back: the same turn id (sent again after each 503, as Retry-After says) opens exactly one
 * return, journaled; a further resend is a duplicate with the same reply; the transcript is whole.
 */
async function expectResendOpensOneReturn(
  url: string,
  dataDir: string,
  flow: ReturnFlow,
  conversationId: string,
): Promise<void> {
  const effectTurn = turnId(conversationId, flow.effectStep);
  const { text } = flow.steps[flow.effectStep]!;
  const resent = await postWhileUnavailable(url, conversationId, text, effectTurn, 45_000);
  expect(resent.status, `${JSON.stringify(resent.body)} after ${resent.unavailable} × 503`).toBe(200);
  expect(resent.body.reply).toMatch(doneReply);
  const again = await postTurn(url, conversationId, text, effectTurn);
  expect(again.body).toMatchObject({ status: 'duplicate', reply: resent.body.reply });

  const journal = readEffects(dataDir).filter((e) => e.conversation_id === conversationId);
  expect(journal).toMatchObject([{ turn_id: effectTurn, command: 'create_return', status: 'finished' }]);
  const returnId = doneReply.exec(resent.body.reply!)?.[1];
  expect(readReturnsWithKeys(dataDir).filter((r) => r.idempotency_key === journal[0]!.key)).toEqual([
    {
      return_id: returnId,
      order_id: returnOrder.orderId,
      reason: returnOrder.reason,
      idempotency_key: journal[0]!.key,
    },
  ]);
  expect(unjournaledReturns(dataDir)).toEqual([]);
  const history = await readWholeHistory(url, conversationId);
  expect(history.filter((l) => l.role === 'user').map((l) => [l.turnId, l.text])).toEqual(
    flow.steps.map((s, i) => [turnId(conversationId, i), s.text]),
  );
  expect(history.filter((l) => l.turnId === effectTurn).map((l) => [l.role, l.text])).toEqual([
    ['user', text],
    ['bot', resent.body.reply],
  ]);
}

describe(
  'a running server whose storage fails (real mounts; needs root)',
  () => {
    beforeAll(() => {
      // .ci/run runs as root on Linux: a machine that cannot mount must fail here, not skip these checks.
      if (!canMountFilesystems()) throw new Error('these tests mount tmpfs and ext4 images: run them as root on Linux with e2fsprogs');
    });

    it('disk full: 503 + Retry-After and degraded health, nothing opened; once space is freed the same turn id opens one return', {
      timeout: 120_000,
    }, async () => {
      filesystem = mountTmpfs(8);
      const dataDir = join(filesystem.dir, 'data');
      server = await spawnServer({ PARLEY_DATA_DIR: dataDir });
      const flow = await learnReturnFlow(server.url);
      await toEffectMessage(server.url, flow, 'full');
      expect((await readHealth(server.url)).body.status).toBe('ok');

      const filler = join(filesystem.dir, 'filler');
      expect(fillUntilFull(filler)).toBeGreaterThan(0);
      await expectRefusedWhileBroken(server.url, dataDir, flow, 'full');
      expect((await readHealth(server.url)).body.reason).toMatch(/full/);
      expect(readEffects(dataDir).filter((e) => e.conversation_id === 'full')).toEqual([]);
      expect(readReturnsWithKeys(dataDir)).toHaveLength(1);
      expect(unjournaledReturns(dataDir)).toEqual([]);
      expect(isAlive(server)).toBe(true);

      rmSync(filler);
      expect((await readHealth(server.url)).body.status).toBe('ok');
      await expectResendOpensOneReturn(server.url, dataDir, flow, 'full');
      expect(readReturnsWithKeys(dataDir)).toHaveLength(2);
    });

    it('disk full while the conversation store still has room in its WAL and only the returns ledger cannot grow: 503, then one return', {
      timeout: 120_000,
    }, async () => {
      filesystem = mountTmpfs(8);
      const dataDir = join(filesystem.dir, 'data');
      server = await spawnServer({ PARLEY_DATA_DIR: dataDir });
      // Walking the flow once opens a return: the ledger exists, and its next write must grow its WAL.
      const flow = await learnReturnFlow(server.url);
      await toEffectMessage(server.url, flow, 'wal');
      // A checkpoint, as SQLite runs on its own every 1000 pages: the next writer reuses the WAL file from its
      // start, so the conversation store keeps writing on a full disk while the ledger cannot.
      const db = new Database(join(dataDir, 'conversations.db'));
      const [checkpoint] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{
        busy: number;
        log: number;
        checkpointed: number;
      }>;
      db.close();
      expect(checkpoint).toMatchObject({ busy: 0 });
      expect(checkpoint!.checkpointed).toBe(checkpoint!.log);

      const filler = join(filesystem.dir, 'filler');
      fillUntilFull(filler);
      expectRetryable(
        await sendEffectMessage(server.url, flow, 'wal'),
        'the effect message with the ledger full',
      );
      expect(unjournaledReturns(dataDir)).toEqual([]);
      expect(readReturnsWithKeys(dataDir)).toHaveLength(1);

      rmSync(filler);
      await expectResendOpensOneReturn(server.url, dataDir, flow, 'wal');
      expect(readReturnsWithKeys(dataDir)).toHaveLength(2);
    });

    it('filesystem turned read-only under the server: 503 + Retry-After and degraded health, nothing opened; after repair and a restart the same turn id opens one return', {
      timeout: 120_000,
    }, async () => {
      const ext4: Ext4Scratch = mountExt4Image(48);
      filesystem = ext4;
      const dataDir = join(ext4.dir, 'data');
      server = await spawnServer({ PARLEY_DATA_DIR: dataDir });
      const flow = await learnReturnFlow(server.url);
      await toEffectMessage(server.url, flow, 'ro');

      ext4.abort();
      expect(ext4.options()).toMatch(/emergency_ro|(^|,)ro(,|$)/);
      await expectRefusedWhileBroken(server.url, dataDir, flow, 'ro');
      expect(isAlive(server)).toBe(true);

      // An aborted ext4 only comes back read-write through an unmount and a check: the process must go first.
      await killServer(server);
      server = undefined;
      ext4.repair();
      expect(ext4.options()).not.toMatch(/emergency_ro|abort|(^|,)ro(,|$)/);
      expect(readReturnsWithKeys(dataDir)).toHaveLength(1);
      expect(readEffects(dataDir).filter((e) => e.conversation_id === 'ro')).toEqual([]);
      expect(
        readInbox(dataDir)
          .filter((t) => t.conversation_id === 'ro')
          .map((t) => [t.turn_id, t.status]),
      ).toEqual(flow.steps.slice(0, flow.effectStep).map((_, i) => [turnId('ro', i), 'done']));

      server = await spawnServer({ PARLEY_DATA_DIR: dataDir });
      expect((await readHealth(server.url)).body.status).toBe('ok');
      await expectResendOpensOneReturn(server.url, dataDir, flow, 'ro');
      expect(readReturnsWithKeys(dataDir)).toHaveLength(2);
    });
  },
);
