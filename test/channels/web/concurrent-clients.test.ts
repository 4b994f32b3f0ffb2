import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyPart } from '../../../channels/web/protocol.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { connectClient, startTestServer, type TestClient, type TestServer } from './web-test-server.ts';

const clients = 200;
const script: Array<[string, RegExp]> = [
  ['hi', /I'm the Acme store assistant/],
  ['where is my order', /What's your order number/],
  ['12345', /I found order 12345/],
  ['maria.garcia@example.com', /Order 12345 \(placed 2026-11-24\) is shipped/],
  ['thanks', /You're welcome/],
];

let loaded: LoadedBot;
let web: TestServer;

beforeAll(async () => {
  loaded = await loadAcme();
  // Default pacing (word by word, 20 ms apart): the load test runs what the widget gets.
  // 200 users from one loopback address: the per-address limits (made for the internet) are lifted.
  web = await startTestServer(loaded.bot, { connectsPerAddress: false, openSocketsPerAddress: 1000, messagesPerAddress: false });
});
afterAll(async () => {
  await web.close();
  await loaded.bot.close();
});

async function converse(client: TestClient) {
  const seen: ReplyPart[] = [];
  client.socket.on('reply', (part) => seen.push(part));
  const turns = [];
  for (const [index, [text]] of script.entries()) turns.push(await client.say(text, `turn-${index}`));
  return { turns, seen };
}

describe(`${clients} concurrent socket.io clients`, () => {
  it('each get every reply of a 5-turn conversation, in order, none lost or repeated', {
    timeout: 240_000,
  }, async () => {
    const connected: TestClient[] = [];
    for (let i = 0; i < clients; i += 50) {
      connected.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, clients - i) }, () => connectClient(web.url)),
        )),
      );
    }
    expect(new Set(connected.map((c) => c.session.conversationId)).size).toBe(clients);

    const results = await Promise.all(connected.map(converse));

    for (const { turns, seen } of results) {
      expect(turns.map((t) => t.end?.status)).toEqual(script.map(() => 'completed'));
      for (const [index, turn] of turns.entries())
        expect(turn.texts).toEqual([expect.stringMatching(script[index]![1])]);
      // Arrival order on the socket: every part of turn n before any part of turn n+1, each part once.
      const order = seen.map((p) => p.turnId);
      expect(order).toEqual([...order].sort());
      const keys = seen.map((p) => `${p.turnId}/${p.key}`);
      expect(new Set(keys).size).toBe(keys.length);
      const finals = seen.flatMap((p) => (p.event.type === 'text-end' ? [p.event.text] : []));
      expect(finals).toHaveLength(script.length);
    }
    const histories = await Promise.all(connected.map((c) => loaded.bot.history(c.session.conversationId)));
    expect(histories.every((h) => h.length === script.length * 2)).toBe(true);
    for (const c of connected) c.close();
  });
});
