import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotFrameworkChannel } from '../../../channels/botframework/bot-framework-channel.ts';
import { wordStreamingBot } from '../../support/word-streaming-bot.ts';
import { messageActivity, startConnectorStandIn } from './connector-stand-in.ts';

const appId = 'app-1';
const words = ['Your', 'order', 'is', 'on', 'its', 'way', 'with', 'UPS,', 'expected', 'Friday.'];
let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
let server: Server;
let endpoint: string;

/** A bot whose answer is generated a word every 120 ms (as a model streams), then the events that follow. */
const streamingBot = wordStreamingBot(words, 120, [
  { type: 'card', card: { title: 'Order 12345', text: 'Shipped with UPS', buttons: [{ title: 'Track it', value: 'track order 12345' }] } },
  { type: 'suggestions', suggestions: [{ title: 'Start a return', value: 'return an item' }] },
]);

beforeAll(async () => {
  connector = await startConnectorStandIn();
  const channel = createBotFrameworkChannel({
    appId,
    appPassword: 'app-secret',
    openIdMetadataUrl: connector.openIdMetadataUrl,
    tokenUrl: connector.tokenUrl,
    streamIntervalMs: 300,
    replyWithinMs: 10_000,
  });
  await channel.start(streamingBot);
  server = createServer((req, res) => void channel.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await connector.close();
});

async function post(activity: Record<string, unknown>) {
  const token = await connector.token({ appId, serviceUrl: activity.serviceUrl as string });
  return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
}

type StreamInfo = { type: string; streamType: string; streamId?: string; streamSequence?: number };
const streamInfoOf = (body: Record<string, unknown>) => (body.entities as StreamInfo[] | undefined)?.find((e) => e.type === 'streaminfo');

describe('Teams streaming (one-to-one chats)', () => {
  it('streams the reply as growing typing updates under one stream id, then one final message with card and quick replies', async () => {
    const activity = messageActivity({ id: 's1', text: 'where is my order', serviceUrl: connector.serviceUrl, channelId: 'msteams', conversationType: 'personal', conversationId: 'a:personal-1' });
    expect((await post(activity)).status).toBe(200);
    const inConversation = (c: { path: string }) => c.path.startsWith('/v3/conversations/a:personal-1/activities');
    const [final] = await connector.waitForCalls((c) => inConversation(c) && c.body.type === 'message');
    const calls = connector.calls.filter(inConversation);
    const informative = calls[0]!;
    expect(informative.body.type).toBe('typing');
    expect(streamInfoOf(informative.body)).toMatchObject({ streamType: 'informative', streamSequence: 1 });
    const updates = calls.filter((c) => c.body.type === 'typing' && streamInfoOf(c.body)?.streamType === 'streaming');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    const streamId = streamInfoOf(updates[0]!.body)!.streamId;
    expect(streamId).toMatch(/^sent-/);
    const texts = updates.map((u) => u.body.text as string);
    for (let i = 1; i < texts.length; i++) expect(texts[i]!.startsWith(texts[i - 1]!) && texts[i]!.length > texts[i - 1]!.length).toBe(true);
    const sequences = updates.map((u) => streamInfoOf(u.body)!.streamSequence!);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(updates.map((u) => streamInfoOf(u.body)!.streamId))).toEqual(new Set([streamId]));
    // At most one update per 300 ms interval (Teams throttles faster streams).
    const spanMs = updates.at(-1)!.at - updates[0]!.at;
    expect(updates.length).toBeLessThanOrEqual(Math.floor(spanMs / 300) + 2);

    expect(final!.body.text).toBe(words.join(' '));
    expect(streamInfoOf(final!.body)).toMatchObject({ streamType: 'final', streamId });
    const [card] = final!.body.attachments as { contentType: string; content: { actions: { data: { msteams: { value: string } } }[] } }[];
    expect(card!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card!.content.actions[0]!.data.msteams.value).toBe('track order 12345');
    expect((final!.body.suggestedActions as { actions: { value: string }[] }).actions.map((a) => a.value)).toEqual(['return an item']);
    expect(calls.filter((c) => c.body.type === 'message')).toHaveLength(1);
  });

  it('in group chats and channels sends a typing indicator and one final message instead', async () => {
    const activity = messageActivity({ id: 's2', text: 'where is my order', serviceUrl: connector.serviceUrl, channelId: 'msteams', conversationType: 'groupChat', conversationId: '19:group-1' });
    expect((await post(activity)).status).toBe(200);
    const inConversation = (c: { path: string }) => c.path.startsWith('/v3/conversations/19:group-1/activities');
    await connector.waitForCalls((c) => inConversation(c) && c.body.type === 'message', 2);
    const calls = connector.calls.filter(inConversation);
    expect(calls.every((c) => streamInfoOf(c.body) === undefined)).toBe(true);
    expect(calls[0]!.body.type).toBe('typing');
    const messages = calls.filter((c) => c.body.type === 'message');
    expect(messages[0]!.body.text).toBe(words.join(' '));
    expect((messages[1]!.body.attachments as unknown[]).length).toBe(1);
  });
});
