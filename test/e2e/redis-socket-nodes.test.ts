import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ReplyPart, ServerToClientEvents, SessionInfo, TurnEnd } from '../../channels/web/protocol.ts';
import { launchBrowser } from '../support/browser.ts';
import { type Balancer, startBalancer } from '../support/round-robin-balancer.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { killServer, type ServerLife, spawnServer } from '../support/server-supervisor.ts';
import { connectWidget, type WidgetConnection } from '../support/widget-socket.ts';
import { widget } from './widget-page.ts';

/**
 * The web channel on two real `parley start` nodes sharing Redis (socket.io's Redis streams adapter): replies reach
 * a widget on the other node, a dropped connection recovers on the other node, and what a load balancer must do
 * for the polling transport (sticky sessions) or not do for WebSocket only.
 */

type WidgetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let redis: RedisServer;
let nodes: ServerLife[] = [];
const dirs: string[] = [];
const balancers: Balancer[] = [];
const sockets: Array<{ close(): void }> = [];

beforeAll(async () => {
  redis = await startRedisServer();
  nodes = await Promise.all(
    [0, 1].map(() => {
      const dir = mkdtempSync(join(tmpdir(), 'parley-socket-nodes-'));
      dirs.push(dir);
      return spawnServer({ PARLEY_DATA_DIR: dir, PARLEY_REDIS_URL: redis.url, PARLEY_WEB_SECRET: 'the secret both nodes sign tokens with' }, 1, 90_000);
    }),
  );
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const balancer of balancers) await balancer.close();
  await Promise.all(nodes.map(killServer));
  await redis?.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const balancer = async (sticky: boolean) => {
  const started = await startBalancer(nodes.map((n) => n.url), { sticky });
  balancers.push(started);
  return started;
};

/** Resolves once `check` holds, polling every 20 ms; rejects after `ms`. */
async function eventually(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const replyText = (parts: readonly ReplyPart[], turnId: string) =>
  parts.filter((p) => p.turnId === turnId && p.event.type === 'text-end').map((p) => (p.event.type === 'text-end' ? p.event.text : '')).join('\n');

/** A socket.io connection as the widget opens it, with the given transports and options; records what it receives. */
function openSocket(url: string, options: { transports: Array<'polling' | 'websocket'>; reconnection?: boolean; withCredentials?: boolean; auth?: Record<string, string> }) {
  const socket: WidgetSocket = io(url, {
    auth: options.auth ?? {},
    transports: options.transports,
    extraHeaders: { origin: new URL(url).origin },
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    withCredentials: options.withCredentials ?? false,
    forceNew: true,
    timeout: 10_000,
  });
  sockets.push(socket);
  const got = { sessions: [] as SessionInfo[], parts: [] as ReplyPart[], ends: [] as TurnEnd[], errors: [] as string[] };
  socket.on('session', (s) => got.sessions.push(s));
  socket.on('reply', (p) => got.parts.push(p));
  socket.on('turn-end', (e) => got.ends.push(e));
  socket.on('connect_error', (e) => got.errors.push(e.message));
  socket.on('disconnect', (reason) => got.errors.push(`disconnect: ${reason}`));
  return { socket, got };
}

describe('the web channel on two nodes sharing Redis', () => {
  it('a widget connected to node A receives the reply of a turn processed on node B', { timeout: 60_000 }, async () => {
    const [a, b] = nodes as [ServerLife, ServerLife];
    const onA: WidgetConnection = await connectWidget(a.url);
    sockets.push(onA);
    const onB: WidgetConnection = await connectWidget(b.url, { conversationToken: onA.session.conversationToken });
    sockets.push(onB);
    expect(onB.session).toMatchObject({ conversationId: onA.session.conversationId, resumed: true });
    const echoed: string[] = [];
    onA.socket.on('user-message', (m) => echoed.push(m.turnId));

    const sent = Date.now();
    expect(await onB.send('from-b-1', 'what time do you open on sunday?')).toEqual({ ok: true });
    await eventually(() => onA.ends.some((e) => e.turnId === 'from-b-1'), 'the turn-end on node A');
    const crossNodeMs = Date.now() - sent;
    await eventually(() => onB.ends.some((e) => e.turnId === 'from-b-1'), 'the turn-end on node B');
    const text = replyText(onB.parts, 'from-b-1');
    console.info(`a turn sent to node B, its reply on node A after ${crossNodeMs} ms: ${JSON.stringify(text.slice(0, 60))}`);
    expect(text.length).toBeGreaterThan(0);
    expect(replyText(onA.parts, 'from-b-1')).toBe(text);
    expect(onA.parts.filter((p) => p.turnId === 'from-b-1').map((p) => p.key)).toEqual(onB.parts.filter((p) => p.turnId === 'from-b-1').map((p) => p.key));
    expect(echoed).toContain('from-b-1');
  });

  it('the browser widget (Chromium) on node A shows a message sent to node B and its reply', { timeout: 90_000 }, async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(nodes[0]!.url);
      const chat = widget(page);
      await chat.open();
      await chat.send('hi');
      await chat.botSays(/Acme store assistant/);
      // The conversation token the widget keeps, as another tab of the same conversation would present it.
      const token = await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.endsWith(':conversation'));
        return key ? localStorage.getItem(key) : null;
      });
      expect(token).toEqual(expect.any(String));
      const onB = await connectWidget(nodes[1]!.url, { conversationToken: token! });
      sockets.push(onB);
      expect(await onB.send('from-b-browser', 'where is your Chicago store')).toEqual({ ok: true });
      await eventually(() => onB.ends.some((e) => e.turnId === 'from-b-browser'), 'the turn on node B');
      const reply = replyText(onB.parts, 'from-b-browser');
      expect(reply).toMatch(/Chicago/);
      await chat.userBubbles.filter({ hasText: 'where is your Chicago store' }).waitFor({ timeout: 15_000 });
      const bubble = await chat.botSays(/Chicago/);
      expect((await bubble.textContent())?.trim()).toBe(reply.trim());
    } finally {
      await browser.close();
    }
  });

  it('a connection dropped on node A is recovered on node B with the replies it missed', { timeout: 60_000 }, async () => {
    // WebSocket only, through a round-robin balancer: the first connection goes to node A, the reconnection to node B.
    const lb = await balancer(false);
    const widget = openSocket(lb.url, { transports: ['websocket'], reconnection: true });
    await eventually(() => widget.got.sessions.length === 1, 'the session');
    expect(lb.routed).toEqual([1, 0]);
    const other = await connectWidget(nodes[1]!.url, { conversationToken: widget.got.sessions[0]!.conversationToken });
    sockets.push(other);

    // The widget's connection drops (not closed by the user: it reconnects, with the state to recover).
    widget.socket.io.engine.close();
    // While it is away, a turn of its conversation runs on node B and its reply is sent to the conversation's room.
    expect(await other.send('while-away', 'where is your Chicago store')).toEqual({ ok: true });
    await eventually(() => other.ends.some((e) => e.turnId === 'while-away'), 'the turn on node B');
    await eventually(() => widget.socket.connected, 'the reconnection');
    expect(lb.routed).toEqual([1, 1]);
    expect(widget.socket.recovered).toBe(true);
    // Recovered: no new session, and the parts it missed arrive.
    await eventually(() => widget.got.ends.some((e) => e.turnId === 'while-away'), 'the missed turn-end');
    expect(widget.got.sessions).toHaveLength(1);
    expect(replyText(widget.got.parts, 'while-away')).toBe(replyText(other.parts, 'while-away'));
  });

  it('polling needs sticky sessions: without them the connection fails; with them, or with WebSocket only, it works', { timeout: 90_000 }, async () => {
    const roundRobin = await balancer(false);
    const unpinned = openSocket(roundRobin.url, { transports: ['polling'] });
    await eventually(() => unpinned.got.errors.length > 0, 'the polling failure', 20_000);
    expect(unpinned.got.sessions).toEqual([]);
    expect(roundRobin.routed.every((n) => n > 0), 'its requests went to both nodes').toBe(true);
    unpinned.socket.close();

    const sticky = await balancer(true);
    const pinned = openSocket(sticky.url, { transports: ['polling'], withCredentials: true });
    await eventually(() => pinned.got.sessions.length === 1, 'a polling session through the sticky balancer');
    pinned.socket.emit('message', { id: 'polled-1', text: 'hi' }, () => undefined);
    await eventually(() => pinned.got.ends.some((e) => e.turnId === 'polled-1'), 'the polled reply');
    expect(sticky.routed.filter((n) => n > 0)).toHaveLength(1);
    expect(pinned.got.errors).toEqual([]);

    const websocketOnly = openSocket(roundRobin.url, { transports: ['websocket'] });
    await eventually(() => websocketOnly.got.sessions.length === 1, 'a WebSocket session through the round-robin balancer');
    websocketOnly.socket.emit('message', { id: 'ws-1', text: 'hi' }, () => undefined);
    await eventually(() => websocketOnly.got.ends.some((e) => e.turnId === 'ws-1'), 'the WebSocket reply');
    console.info(
      `load balancer: polling without sticky sessions failed (${unpinned.got.errors[0]}); with a sticky cookie ${sticky.routed.join('/')} requests per node; WebSocket only through round robin worked`,
    );
  });
});
