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
import { doneReply, learnReturnFlow, normalizeReply, returnOrder } from '../support/return-flow.ts';
import { createServerSupervisor, killServer, type ServerSupervisor } from '../support/server-supervisor.ts';
import { type HistoryLine, readWholeHistory } from '../support/turn-client.ts';
import { connectWidget, type WidgetConnection } from '../support/widget-socket.ts';

/** How long after a restart the bot may take to finish an acknowledged message on its own. */
const recoveryMs = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the transcript until `done` holds for it; throws with the last transcript after `ms`. */
async function waitForHistory(
  url: string,
  conversationId: string,
  done: (lines: HistoryLine[]) => boolean,
  ms: number,
  what: string,
): Promise<HistoryLine[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const lines = await readWholeHistory(url, conversationId, 50);
    if (done(lines)) return lines;
    if (Date.now() > deadline) {
      throw new Error(
        `${what} not in the transcript ${ms} ms after the restart; transcript: ${JSON.stringify(lines)}`,
      );
    }
    await sleep(100);
  }
}

let supervisor: ServerSupervisor | undefined;
let connection: WidgetConnection | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  connection?.close();
  connection = undefined;
  await supervisor?.stop();
  supervisor = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('web channel: a message acknowledged just before a SIGKILL', () => {
  it('is in the transcript with the bot reply after a restart, without the widget sending it again', {
    timeout: 150_000,
  }, async () => {
    const started = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'parley-socket-crash-'));
    dataDir = dir;
    const sup = createServerSupervisor({ env: { PARLEY_DATA_DIR: dir } });
    supervisor = sup;
    let life = await sup.running();
    // The flow as the bot has it now, walked once over REST (its return is the ledger's first).
    const flow = await learnReturnFlow(life.url);
    connection = await connectWidget(life.url);
    const { conversationId } = connection.session;
    let token = connection.session.conversationToken;
    const pushedAfterRestart: boolean[] = [];
    const pendingAtKill: boolean[] = [];

    for (const [step, { text, reply }] of flow.steps.entries()) {
      const id = `web-${step + 1}`;
      expect(await connection.send(id, text), `message ${id} acknowledged`).toEqual({ ok: true });
      // SIGKILL a few milliseconds after the acknowledgement (0 ms for the first message), usually mid-turn.
      await sleep(step === 0 ? 0 : step * 2);
      await killServer(life);
      connection.close();
      const inbox = readInbox(dir).find((t) => t.turn_id === id);
      expect(inbox, `message ${id} is in the inbox`).toBeDefined();
      pendingAtKill.push(inbox!.status === 'accepted');

      life = await sup.running();
      connection = await connectWidget(life.url, { conversationToken: token });
      expect(connection.session).toMatchObject({ conversationId, resumed: true });
      token = connection.session.conversationToken;

      // The widget forgot the message once it was acknowledged: the server alone must finish it.
      const lines = await waitForHistory(
        life.url,
        conversationId,
        (l) => l.some((x) => x.role === 'bot' && x.turnId === id),
        recoveryMs,
        `the reply to acknowledged message ${id} ("${text}")`,
      );
      expect(lines.filter((l) => l.role === 'user' && l.turnId === id).map((l) => l.text)).toEqual([text]);
      const botText = lines.filter((l) => l.role === 'bot' && l.turnId === id).map((l) => l.text);
      expect(normalizeReply(botText.join('\n'))).toBe(reply);
      pushedAfterRestart.push(connection.parts.some((p) => p.turnId === id));
    }

    // A last restart: the session's history and the REST transcript hold every message once, each answered.
    await killServer(life);
    connection.close();
    life = await sup.running();
    connection = await connectWidget(life.url, { conversationToken: token });
    const expectedTurns = flow.steps.flatMap((_, i) => [`web-${i + 1}`, `web-${i + 1}`]);
    const session = connection.session.history;
    expect(session.map((l) => l.turnId)).toEqual(expectedTurns);
    expect(session.filter((l) => l.role === 'user').map((l) => l.text)).toEqual(
      flow.steps.map((s) => s.text),
    );
    const rest = await readWholeHistory(life.url, conversationId);
    expect(rest.map((l) => [l.role, l.turnId, l.text])).toEqual(
      session.map((l) => [l.role, l.turnId, l.text]),
    );
    expect(readInbox(dir).filter((t) => t.status !== 'done')).toEqual([]);

    const returnId = doneReply.exec(session.at(-1)!.text)?.[1];
    const journal = readEffects(dir).filter(
      (e) => e.command === 'create_return' && e.conversation_id === conversationId,
    );
    expect(journal).toMatchObject([{ turn_id: `web-${flow.effectStep + 1}`, status: 'finished' }]);
    const returns = readReturnsWithKeys(dir);
    expect(returns).toHaveLength(2);
    expect(returns.filter((r) => r.idempotency_key === journal[0]!.key)).toEqual([
      {
        return_id: returnId,
        order_id: returnOrder.orderId,
        reason: returnOrder.reason,
        idempotency_key: journal[0]!.key,
      },
    ]);
    expect(unjournaledReturns(dir)).toEqual([]);
    // The kills were real interruptions: at least one acknowledged turn had not finished when its process died.
    expect(pendingAtKill).toContain(true);
    console.info(
      `socket kills: ${sup.starts} starts; unfinished at the kill: ${JSON.stringify(pendingAtKill)}; replies pushed to the reconnected widget: ${JSON.stringify(pushedAfterRestart)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
