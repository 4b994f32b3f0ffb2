import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotFrameworkChannel, createBotFrameworkChannel } from '../../../channels/botframework/bot-framework-channel.ts';
import type { TurnHandler } from '../../../core/contracts/turn-handler.ts';
import { wrapTurns } from '../../support/wrap-turns.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { type ConnectorCall, messageActivity, startConnectorStandIn } from './connector-stand-in.ts';

const appId = 'app-1';
let loaded: LoadedBot;
let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
let channel: BotFrameworkChannel;
let server: Server;
let endpoint: string;
/** Milliseconds the bot waits before each turn; raised by the long-work test. */
let botDelayMs = 0;

/** The real Acme bot, whose answers take `botDelayMs` longer (a slow skill) when a test asks. */
const slowable = (bot: TurnHandler): TurnHandler =>
  wrapTurns(bot, async (turn, options, next) => {
    const result = await next(turn, options);
    if (botDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, botDelayMs));
    return result;
  });
beforeAll(async () => {
  loaded = await loadAcme();
  connector = await startConnectorStandIn();
  channel = createBotFrameworkChannel({
    appId,
    appPassword: 'app-secret',
    openIdMetadataUrl: connector.openIdMetadataUrl,
    tokenUrl: connector.tokenUrl,
    welcome: "Hi! I'm the Acme store assistant.",
    // Generous, so that answers stay inside the request and typing is not repeated even on a loaded machine; the
    // long-work test has its own channel for both.
    replyWithinMs: 10_000,
    typingIntervalMs: 60_000,
  });
  await channel.start(slowable(loaded.bot));
  server = createServer((req, res) => {
    void channel.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await connector.close();
  await loaded.bot.close();
});

/** POSTs an activity the way the Azure connector does: JSON with a connector token for its serviceUrl. */
async function post(activity: Record<string, unknown>, to = endpoint): Promise<Response> {
  const token = await connector.token({ appId, serviceUrl: activity.serviceUrl as string });
  return fetch(to, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
}

const messagesTo = (conversationId: string) => (call: ConnectorCall) =>
  call.path.startsWith(`/v3/conversations/${conversationId}/activities`) && call.body.type === 'message';

describe('Bot Framework channel (connector stand-in at the serviceUrl)', () => {
  it('completes the Acme order-status form, replying in the conversation with signed calls', async () => {
    const serviceUrl = connector.serviceUrl;
    const first = await post(messageActivity({ id: 'm1', text: 'where is my order', serviceUrl, conversationId: 'form-1' }));
    expect(first.status).toBe(200);
    const [asked] = await connector.waitForCalls(messagesTo('form-1'));
    expect(asked!.body.text).toMatch(/order number/);
    expect(asked!.path).toBe('/v3/conversations/form-1/activities/m1');
    expect(asked!.body.replyToId).toBe('m1');
    expect(asked!.authorization).toBe(`Bearer reply-token-for-${appId}`);
    const typing = connector.calls.filter((c) => c.path.startsWith('/v3/conversations/form-1/') && c.body.type === 'typing');
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing[0]!.at).toBeLessThanOrEqual(asked!.at);

    expect((await post(messageActivity({ id: 'm2', text: '12345', serviceUrl, conversationId: 'form-1' }))).status).toBe(200);
    const replies = await connector.waitForCalls(messagesTo('form-1'), 2);
    // The Emulator's user id is whatever the client chose: unverified, so the order's e-mail is asked.
    expect(replies[1]!.body.text).toMatch(/I found order 12345.*e-mail/);
    expect(replies[1]!.path).toBe('/v3/conversations/form-1/activities/m2');
    await post(messageActivity({ id: 'm3', text: 'maria.garcia@example.com', serviceUrl, conversationId: 'form-1' }));
    const done = await connector.waitForCalls(messagesTo('form-1'), 3);
    expect(done[2]!.body.text).toMatch(/Order 12345 \(placed .*\) is shipped/);
    const transcript = await loaded.bot.transcript('bf:emulator:form-1');
    expect(transcript.entries.filter((e) => e.role === 'user').map((e) => e.text)).toEqual(['where is my order', '12345', 'maria.garcia@example.com']);
  });

  it('processes a retried activity once', async () => {
    const activity = messageActivity({ id: 'r1', text: 'where is my order 12345', serviceUrl: connector.serviceUrl, conversationId: 'retry-1' });
    expect((await post(activity)).status).toBe(200);
    expect((await post(activity)).status).toBe(200);
    await connector.waitForCalls(messagesTo('retry-1'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.calls.filter(messagesTo('retry-1'))).toHaveLength(1);
    const transcript = await loaded.bot.transcript('bf:emulator:retry-1');
    expect(transcript.entries.filter((e) => e.role === 'user')).toHaveLength(1);
  });

  it('welcomes a user who joins (conversationUpdate), not the bot itself', async () => {
    const base = { type: 'conversationUpdate', channelId: 'emulator', serviceUrl: connector.serviceUrl, recipient: { id: 'bot-1' }, from: { id: 'user-9' } };
    expect((await post({ ...base, id: 'cu1', conversation: { id: 'welcome-1' }, membersAdded: [{ id: 'bot-1' }] })).status).toBe(200);
    expect((await post({ ...base, id: 'cu2', conversation: { id: 'welcome-1' }, membersAdded: [{ id: 'user-9' }] })).status).toBe(200);
    const welcomes = await connector.waitForCalls(messagesTo('welcome-1'));
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]!.body.text).toBe("Hi! I'm the Acme store assistant.");
  });

  it('in a Teams team introduces itself once when added, not to the channel each time someone joins', async () => {
    const base = { type: 'conversationUpdate', channelId: 'msteams', serviceUrl: connector.serviceUrl, recipient: { id: 'bot-1' }, from: { id: '29:admin' } };
    const conversation = { id: '19:team-general@thread.tacv2', conversationType: 'channel' };
    await post({ ...base, id: 'tw1', conversation, membersAdded: [{ id: '29:new-colleague' }] });
    await post({ ...base, id: 'tw2', conversation, membersAdded: [{ id: 'bot-1' }] });
    const welcomes = await connector.waitForCalls(messagesTo('19:team-general@thread.tacv2'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.calls.filter(messagesTo('19:team-general@thread.tacv2'))).toHaveLength(1);
    expect(welcomes[0]!.path).toBe('/v3/conversations/19:team-general@thread.tacv2/activities/tw2');
  });

  it('answers in the response body when the caller asks for expectReplies', async () => {
    const answer = await post({ ...messageActivity({ id: 'x1', text: 'where is my order', serviceUrl: connector.serviceUrl, conversationId: 'expect-1' }), deliveryMode: 'expectReplies' });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { activities: { type: string; text?: string }[] };
    expect(body.activities.find((a) => a.type === 'message')?.text).toMatch(/order number/);
    expect(connector.calls.filter((c) => c.path.startsWith('/v3/conversations/expect-1/'))).toHaveLength(0);
  });

  it('in a Teams channel strips the @mention, keeps one conversation per thread and replies in the thread', async () => {
    const serviceUrl = connector.serviceUrl;
    const thread = (n: number) => `19:general@thread.tacv2;messageid=${n}`;
    const teams = (id: string, text: string, n: number) =>
      messageActivity({
        id,
        serviceUrl,
        channelId: 'msteams',
        conversationType: 'channel',
        conversationId: thread(n),
        text: `<at>Acme</at> ${text}`,
        entities: [{ type: 'mention', text: '<at>Acme</at>', mentioned: { id: 'bot-1', name: 'Acme' } }],
        from: { id: '29:ada', aadObjectId: 'aad-ada', name: 'Ada' },
      });
    await post(teams('t1', 'where is my order', 111));
    await post(teams('t2', 'where is my order', 222));
    await post(teams('t3', '12345', 111));
    const first = await connector.waitForCalls(messagesTo(thread(111)), 2);
    expect(first[0]!.path).toBe(`/v3/conversations/${thread(111)}/activities/t1`);
    // A Teams user is verified and their e-mail comes from the member list: the order shows without asking.
    expect(first[1]!.body.text).toMatch(/Order 12345 \(placed .*\) is shipped/);
    const second = await connector.waitForCalls(messagesTo(thread(222)));
    expect(second[0]!.body.text).toMatch(/order number/);
    const turns = await loaded.bot.transcript(`bf:msteams:${thread(111)}`);
    expect(turns.entries.filter((e) => e.role === 'user').map((e) => e.text)).toEqual(['where is my order', '12345']);
  });

  it('acknowledges long work at once and sends the answer proactively', async () => {
    const quick = createBotFrameworkChannel({
      appId,
      appPassword: 'app-secret',
      openIdMetadataUrl: connector.openIdMetadataUrl,
      tokenUrl: connector.tokenUrl,
      replyWithinMs: 1000,
      typingIntervalMs: 500,
    });
    await quick.start(slowable(loaded.bot));
    const quickServer = createServer((req, res) => void quick.handle(req, res));
    await new Promise<void>((resolve) => quickServer.listen(0, '127.0.0.1', resolve));
    const quickEndpoint = `http://127.0.0.1:${(quickServer.address() as AddressInfo).port}/api/messages`;
    botDelayMs = 4000;
    try {
      const started = Date.now();
      const response = await post(messageActivity({ id: 'l1', text: 'where is my order 12345', serviceUrl: connector.serviceUrl, conversationId: 'long-1' }), quickEndpoint);
      const ackMs = Date.now() - started;
      expect(response.status).toBe(200);
      expect(ackMs).toBeLessThan(3900);
      expect(connector.calls.filter(messagesTo('long-1'))).toHaveLength(0);
      const [late] = await connector.waitForCalls(messagesTo('long-1'));
      expect(late!.body.text).toMatch(/I found order 12345/);
      // Sent to the conversation, not as the reply to a request that has ended.
      expect(late!.path).toBe('/v3/conversations/long-1/activities');
      expect(late!.at - started).toBeGreaterThanOrEqual(3900);
      // The user kept seeing the bot typing after the request ended.
      const typingLater = connector.calls.filter((c) => c.path === '/v3/conversations/long-1/activities' && c.body.type === 'typing');
      expect(typingLater.length).toBeGreaterThanOrEqual(1);
      expect(typingLater.every((c) => c.at - started >= ackMs && c.at <= late!.at)).toBe(true);
    } finally {
      botDelayMs = 0;
      await new Promise((resolve) => quickServer.close(resolve));
    }
  });

  it('sends proactive messages to a stored conversation reference', async () => {
    await post(messageActivity({ id: 'p1', text: 'hi', serviceUrl: connector.serviceUrl, conversationId: 'proactive-1' }));
    await connector.waitForCalls(messagesTo('proactive-1'));
    await channel.send({ channel: 'botframework', conversationId: 'bf:emulator:proactive-1' }, [
      { type: 'text-end', messageId: 'x', text: 'Your return was received.' },
    ]);
    const sent = await connector.waitForCalls(messagesTo('proactive-1'), 2);
    expect(sent[1]!.body.text).toBe('Your return was received.');
    expect(sent[1]!.authorization).toBe(`Bearer reply-token-for-${appId}`);
    await expect(channel.send({ channel: 'botframework', conversationId: 'bf:emulator:unknown' }, [])).rejects.toThrow(/user must write first/);
  });

  it('retries replies on 429 after Retry-After and on 502/504, never on 400 or 401', async () => {
    connector.failures.push({ status: 429, headers: { 'retry-after': '1' } });
    await post(messageActivity({ id: 'q1', text: 'hi', serviceUrl: connector.serviceUrl, conversationId: 'throttled-1' }));
    const throttled = await connector.waitForCalls((c) => c.path.startsWith('/v3/conversations/throttled-1/'), 3);
    // typing (429), typing again after Retry-After, then the message.
    expect(throttled[1]!.at - throttled[0]!.at).toBeGreaterThanOrEqual(950);
    expect(throttled[1]!.body).toEqual(throttled[0]!.body);

    connector.failures.push({ status: 502 }, { status: 504 });
    await post(messageActivity({ id: 'q2', text: 'hi', serviceUrl: connector.serviceUrl, conversationId: 'gateway-1' }));
    const gateway = await connector.waitForCalls((c) => c.path.startsWith('/v3/conversations/gateway-1/'), 4);
    expect(gateway.slice(0, 3).map((c) => c.body.type)).toEqual(['typing', 'typing', 'typing']);
    await connector.waitForCalls(messagesTo('gateway-1'));

    for (const status of [400, 401]) {
      connector.failures.push({ status });
      const conversationId = `refused-${status}`;
      const response = await post(messageActivity({ id: 'q3', text: 'hi', serviceUrl: connector.serviceUrl, conversationId }));
      expect(response.status).toBe(200);
      await connector.waitForCalls(messagesTo(conversationId));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The refused typing indicator was not sent again; the reply went out.
      const calls = connector.calls.filter((c) => c.path.startsWith(`/v3/conversations/${conversationId}/`));
      expect(calls.map((c) => c.body.type)).toEqual(['typing', 'message']);
    }
  }, 30_000);

  it('refuses malformed activities with clear 4xx answers', async () => {
    const token = await connector.token({ appId, serviceUrl: connector.serviceUrl });
    const send = (body: string, type = 'application/json') =>
      fetch(endpoint, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body });
    expect((await send('{"type":')).status).toBe(400);
    const noService = await send(JSON.stringify({ type: 'message', channelId: 'emulator', conversation: { id: 'c' } }));
    expect(noService.status).toBe(400);
    expect((await noService.json()).error.message).toMatch(/serviceUrl/);
    expect((await send('[]')).status).toBe(400);
    expect((await send('hello', 'text/plain')).status).toBe(415);
    expect((await fetch(endpoint)).status).toBe(405);
  });
});
