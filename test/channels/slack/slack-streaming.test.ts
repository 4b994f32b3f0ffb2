import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../../../channels/slack/slack-channel.ts';
import { wordStreamingBot } from '../../support/word-streaming-bot.ts';
import { eventCallback, type SlackCall, slackSignature, startSlackStandIn } from './slack-stand-in.ts';

const secret = 'slack-signing-secret-for-tests';
const words = ['Order', '12345', 'left', 'our', 'warehouse', 'on', 'Monday', 'and', 'arrives', 'by', 'Friday.'];
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
let server: Server;
let base: string;

/** A bot whose answer is generated a word every 150 ms (as a model streams), then the events that follow. */
const streamingBot = wordStreamingBot(words, 150, [{ type: 'suggestions', suggestions: [{ title: 'Start a return', value: 'return an item' }] }]);

beforeAll(async () => {
  slack = await startSlackStandIn();
  const channel = createSlackChannel({
    signingSecret: secret,
    botToken: 'xoxb-test',
    apiUrl: slack.apiUrl,
    userEmails: false,
    streamStartAfterMs: 300,
    streamIntervalMs: 300,
  });
  await channel.start(streamingBot);
  server = createServer((req, res) => void channel.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await slack.close();
});

const mention = (id: string, channel: string) => {
  const body = JSON.stringify(eventCallback(id, { type: 'app_mention', channel, user: 'U1', text: '<@UBOT> where is my order', ts: `100.${id}` }));
  return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...slackSignature(secret, body) }, body });
};
const to = (channel: string) => (c: SlackCall) => c.body.channel === channel;

describe('Slack streaming', () => {
  it('streams a slow reply into the thread with chat.startStream, appendStream and stopStream', async () => {
    expect((await mention('Ev1', 'C1')).status).toBe(200);
    await slack.waitForCalls((c) => to('C1')(c) && c.path === '/api/chat.stopStream');
    await slack.waitForCalls((c) => to('C1')(c) && c.path === '/api/chat.postMessage');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const calls = slack.calls.filter(to('C1'));
    const [start] = calls.filter((c) => c.path === '/api/chat.startStream');
    expect(start!.body).toMatchObject({ thread_ts: '100.Ev1', recipient_team_id: 'T1', recipient_user_id: 'U1' });
    const appends = calls.filter((c) => c.path === '/api/chat.appendStream');
    expect(appends.length).toBeGreaterThanOrEqual(2);
    // Every append and the stop name the stream's message (the ts chat.startStream answered, `….000200`).
    const stop = calls.find((c) => c.path === '/api/chat.stopStream')!;
    expect(new Set([...appends, stop].map((c) => c.body.ts)).size).toBe(1);
    expect(String(stop.body.ts)).toMatch(/\.000200$/);
    const streamed = [start!, ...appends].map((c) => c.body.markdown_text as string).join('');
    expect(streamed).toBe(words.join(' '));
    const posted = calls.filter((c) => c.path === '/api/chat.postMessage');
    // Only the quick reply buttons are posted; the text went out through the stream.
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.body.blocks)).toContain('return an item');
    expect(posted[0]!.body.text).not.toContain('warehouse');
  });

  it('posts the whole reply where Slack refuses the streaming methods, and stops trying', async () => {
    slack.streaming.available = false;
    await mention('Ev2', 'C2');
    const [message] = await slack.waitForCalls((c) => to('C2')(c) && c.path === '/api/chat.postMessage' && String(c.body.text).includes('warehouse'));
    expect(message!.body.text).toBe(words.join(' '));
    expect(message!.body.thread_ts).toBe('100.Ev2');
    await mention('Ev3', 'C3');
    await slack.waitForCalls((c) => to('C3')(c) && c.path === '/api/chat.postMessage');
    expect(slack.calls.filter((c) => to('C3')(c) && c.path === '/api/chat.startStream')).toHaveLength(0);
  });
});
