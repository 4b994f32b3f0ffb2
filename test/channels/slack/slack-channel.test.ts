import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackChannel, type SlackChannel } from '../../../channels/slack/slack-channel.ts';
import type { TurnHandler } from '../../../core/contracts/turn-handler.ts';
import { wrapTurns } from '../../support/wrap-turns.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { eventCallback, type SlackCall, slackSignature, startSlackStandIn } from './slack-stand-in.ts';

const secret = 'slack-signing-secret-for-tests';
let loaded: LoadedBot;
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
let channel: SlackChannel;
let server: Server;
let base: string;
/** Turns that reached the bot. */
let handled = 0;
/** Milliseconds each answer takes after its turn is stored (a slow skill), when a test asks. */
let slowMs = 0;

/** The real Acme bot, counting turns and answering `slowMs` late. */
const instrumented = (bot: TurnHandler): TurnHandler =>
  wrapTurns(bot, async (turn, options, next) => {
    handled += 1;
    const result = await next(turn, options);
    if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
    return result;
  });
beforeAll(async () => {
  loaded = await loadAcme();
  slack = await startSlackStandIn();
  // Streaming has its own tests; here every reply is a posted message, however loaded the machine is.
  channel = createSlackChannel({ signingSecret: secret, botToken: 'xoxb-test', apiUrl: slack.apiUrl, webApi: { backoffMs: 200 }, streaming: false });
  await channel.start(instrumented(loaded.bot));
  server = createServer((req, res) => void channel.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await slack.close();
  await loaded.bot.close();
});

/** POSTs a body the way Slack does, signed unless `headers` replace the signature. */
function post(path: string, body: string, headers: Record<string, string> = slackSignature(secret, body), type = 'application/json') {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
}
const postEvent = (payload: object) => post('/slack/events', JSON.stringify(payload));

const postedTo = (channelId: string, thread?: string) => (call: SlackCall) =>
  call.path === '/api/chat.postMessage' && call.body.channel === channelId && call.body.thread_ts === thread;

describe('Slack channel (Web API stand-in)', () => {
  it('answers the url_verification handshake', async () => {
    const answer = await postEvent({ type: 'url_verification', token: 't', challenge: 'challenge-123' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ challenge: 'challenge-123' });
  });

  it('completes the Acme order-status form in a direct message, with the verified user\'s e-mail', async () => {
    const dm = (id: string, text: string) => eventCallback(id, { type: 'message', channel_type: 'im', channel: 'D1', user: 'U_MARIA', text, ts: `${id}.1` });
    expect((await postEvent(dm('Ev1', 'where is my order'))).status).toBe(200);
    const [asked] = await slack.waitForCalls(postedTo('D1'));
    expect(asked!.body.text).toMatch(/order number/);
    expect(asked!.authorization).toBe('Bearer xoxb-test');
    await postEvent(dm('Ev2', '12345'));
    const replies = await slack.waitForCalls(postedTo('D1'), 2);
    expect(replies[1]!.body.text).toMatch(/Order 12345 \(placed .*\) is shipped/);
    expect(slack.calls.some((c) => c.path === '/api/users.info' && c.query.user === 'U_MARIA')).toBe(true);
  });

  it('answers in the language the user writes in (Slack sends no locale)', async () => {
    const dm = (id: string, text: string) => eventCallback(id, { type: 'message', channel_type: 'im', channel: 'D_ES', user: 'U_ES', text, ts: `${id}.1` });
    expect((await postEvent(dm('EvEs1', '¿dónde está mi pedido?'))).status).toBe(200);
    const [asked] = await slack.waitForCalls(postedTo('D_ES'));
    expect(asked!.body.text).toMatch(/número de pedido/);
  });

  it('sends proactive messages to a conversation its user has written in', async () => {
    await channel.send({ channel: 'slack', conversationId: 'slack:T1:D1' }, [{ type: 'text-end', messageId: 'p', text: 'Your return label is ready.' }]);
    const [sent] = await slack.waitForCalls((c) => postedTo('D1')(c) && c.body.text === 'Your return label is ready.');
    expect(sent!.authorization).toBe('Bearer xoxb-test');
    await expect(channel.send({ channel: 'slack', conversationId: 'slack:T1:D404' }, [])).rejects.toThrow(/user must write first/);
  });

  it('answers an app mention in its thread, strips the mention and keeps the thread as one conversation', async () => {
    const mention = (id: string, text: string, thread?: string) =>
      eventCallback(id, { type: 'app_mention', channel: 'C1', user: 'U_OTHER', text, ts: `17000.${id}`, ...(thread ? { thread_ts: thread } : {}) });
    await postEvent(mention('Ev10', '<@UBOT> where is my order'));
    const [asked] = await slack.waitForCalls(postedTo('C1', '17000.Ev10'));
    expect(asked!.body.text).toMatch(/order number/);
    await postEvent(mention('Ev11', '<@UBOT> 12345', '17000.Ev10'));
    const replies = await slack.waitForCalls(postedTo('C1', '17000.Ev10'), 2);
    // Not the user's order (U_OTHER has no e-mail): the form still ran in the thread's conversation.
    expect(replies[1]!.body.text).toMatch(/12345/);
    const transcript = await loaded.bot.transcript('slack:T1:C1:17000.Ev10');
    expect(transcript.entries.filter((e) => e.role === 'user').map((e) => e.text)).toEqual(['where is my order', '12345']);
  });

  it('ignores messages from bots and edits, so the bot never answers itself', async () => {
    const before = handled;
    await postEvent(eventCallback('Ev20', { type: 'message', channel_type: 'im', channel: 'D2', bot_id: 'B1', user: 'UBOT', text: 'hello', ts: '1.1' }));
    await postEvent(eventCallback('Ev21', { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D2', text: 'hello', ts: '1.2' }));
    await postEvent(eventCallback('Ev22', { type: 'message', channel_type: 'channel', channel: 'C2', user: 'U1', text: 'hello', ts: '1.3' }));
    expect(handled).toBe(before);
  });

  it('refuses bad signatures, old or future timestamps, a one-byte body change and missing headers with 401', async () => {
    const before = handled;
    const body = JSON.stringify(eventCallback('Ev30', { type: 'message', channel_type: 'im', channel: 'D3', user: 'U1', text: 'where is my order', ts: '3.1' }));
    const nowS = Math.floor(Date.now() / 1000);
    const good = slackSignature(secret, body);
    const cases: Record<string, [string, Record<string, string>]> = {
      'bad HMAC': [body, slackSignature('another-secret', body)],
      'old timestamp': [body, slackSignature(secret, body, nowS - 310)],
      'future timestamp': [body, slackSignature(secret, body, nowS + 310)],
      'one byte changed': [body.replace('where', 'wherE'), good],
      'one byte appended': [`${body} `, good],
      'no signature header': [body, { 'x-slack-request-timestamp': good['x-slack-request-timestamp'] }],
      'no timestamp header': [body, { 'x-slack-signature': good['x-slack-signature'] }],
      'no headers': [body, {}],
      'malformed signature': [body, { ...good, 'x-slack-signature': 'v1=abc' }],
    };
    for (const [kind, [sent, headers]] of Object.entries(cases)) {
      const statuses = await Promise.all(Array.from({ length: 20 }, () => post('/slack/events', sent, headers).then((r) => r.status)));
      expect({ kind, statuses: [...new Set(statuses)] }).toEqual({ kind, statuses: [401] });
    }
    expect(handled).toBe(before);
    expect(slack.calls.filter(postedTo('D3'))).toHaveLength(0);
    // The same body, signed, is taken.
    expect((await post('/slack/events', body, good)).status).toBe(200);
    await slack.waitForCalls(postedTo('D3'));
  });

  it('acknowledges at once while a handler takes 5 s (past Slack\'s 3 s), and answers after the ack', async () => {
    slowMs = 5_000;
    try {
      const started = Date.now();
      const answer = await postEvent(eventCallback('Ev40', { type: 'message', channel_type: 'im', channel: 'D4', user: 'U1', text: 'hi', ts: '4.1' }));
      const ackMs = Date.now() - started;
      console.info(`Slack ack while the handler takes 5 s: ${ackMs} ms`);
      expect(answer.status).toBe(200);
      expect(ackMs).toBeLessThan(3000);
      expect(slack.calls.filter(postedTo('D4'))).toHaveLength(0);
      const [reply] = await slack.waitForCalls(postedTo('D4'));
      expect(reply!.at - started).toBeGreaterThanOrEqual(4_900);
    } finally {
      slowMs = 0;
    }
  }, 40_000);

  it('processes an event delivered four times (Slack retries) once', async () => {
    const payload = eventCallback('Ev50', { type: 'message', channel_type: 'im', channel: 'D5', user: 'U1', text: 'where is my order 12345', ts: '5.1' });
    const before = handled;
    const first = await Promise.all([postEvent(payload), postEvent(payload)]);
    const retries = [await postEvent(payload), await postEvent(payload)];
    expect([...first, ...retries].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await slack.waitForCalls(postedTo('D5'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(handled - before).toBe(1);
    expect(slack.calls.filter(postedTo('D5'))).toHaveLength(1);
    expect((await loaded.bot.transcript('slack:T1:D5')).entries.filter((e) => e.role === 'user')).toHaveLength(1);
  });

  it('tells the user when a message is too long, acknowledging it so Slack does not retry', async () => {
    const answer = await postEvent(eventCallback('Ev70', { type: 'message', channel_type: 'im', channel: 'D7', user: 'U1', text: 'x'.repeat(4001), ts: '7.1' }));
    expect(answer.status).toBe(200);
    const [reply] = await slack.waitForCalls(postedTo('D7'));
    expect(reply!.body.text).toBe('Sorry, that message is too long for me: please keep it under 4000 characters.');
  });

  it('retries chat.postMessage after the Retry-After of a 429', async () => {
    slack.failures.push({ status: 429, headers: { 'retry-after': '1' } });
    await postEvent(eventCallback('Ev60', { type: 'message', channel_type: 'im', channel: 'D6', user: 'U1', text: 'hi', ts: '6.1' }));
    const attempts = await slack.waitForCalls(postedTo('D6'), 2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(attempts[1]!.body).toEqual(attempts[0]!.body);
  });

  it('answers a slash command through its response_url', async () => {
    const form = new URLSearchParams({
      command: '/acme',
      text: 'where is my order',
      team_id: 'T1',
      channel_id: 'C7',
      user_id: 'U1',
      trigger_id: 'trig-1',
      response_url: slack.responseUrl('cmd-1'),
    }).toString();
    const answer = await post('/slack/commands', form, slackSignature(secret, form), 'application/x-www-form-urlencoded');
    expect(answer.status).toBe(200);
    const [reply] = await slack.waitForCalls((c) => c.path === '/hooks/commands/cmd-1');
    expect(reply!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/order number/) });
  });

  it('takes a click on a reply button as the user\'s text in the same thread', async () => {
    const payload = JSON.stringify({
      type: 'block_actions',
      trigger_id: 'trig-2',
      user: { id: 'U_OTHER', team_id: 'T1' },
      team: { id: 'T1' },
      channel: { id: 'C1' },
      message: { ts: '17000.9', thread_ts: '17000.Ev10' },
      actions: [{ action_id: 'parley_reply_0', value: 'cancel', action_ts: '1.1' }],
    });
    const form = new URLSearchParams({ payload }).toString();
    expect((await post('/slack/interactions', form, slackSignature(secret, form), 'application/x-www-form-urlencoded')).status).toBe(200);
    const transcript = async () => (await loaded.bot.transcript('slack:T1:C1:17000.Ev10')).entries.filter((e) => e.role === 'user').map((e) => e.text);
    for (let i = 0; i < 100 && !(await transcript()).includes('cancel'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await transcript()).toContain('cancel');
  });
});
