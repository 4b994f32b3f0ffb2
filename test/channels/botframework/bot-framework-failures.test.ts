import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotFrameworkChannel } from '../../../channels/botframework/bot-framework-channel.ts';
import { StoreUnavailableError } from '../../../core/contracts/errors/store-unavailable-error.ts';
import { wrapTurns } from '../../support/wrap-turns.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { messageActivity, startConnectorStandIn } from './connector-stand-in.ts';

let loaded: LoadedBot;
let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
let server: Server;
let endpoint: string;
/** While true the store refuses turns, as a full disk or a lost database would. */
let storeDown = false;

beforeAll(async () => {
  loaded = await loadAcme();
  connector = await startConnectorStandIn();
  const flaky = wrapTurns(loaded.bot, (turn, options, next) => {
    if (storeDown) throw new StoreUnavailableError('sqlite', 'write the inbox', new Error('SQLITE_FULL'));
    return next(turn, options);
  });
  const channel = createBotFrameworkChannel({ anonymous: true });
  await channel.start(flaky);
  server = createServer((req, res) => void channel.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await connector.close();
  await loaded.bot.close();
});

const post = (activity: object) => fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
const messagesTo = (conversationId: string) => (c: { path: string; body: Record<string, unknown> }) =>
  c.path.startsWith(`/v3/conversations/${conversationId}/`) && c.body.type === 'message';

describe('Bot Framework channel failures', () => {
  it('answers 503 with Retry-After when the turn cannot be stored, and runs the connector\'s retry once', async () => {
    const activity = messageActivity({ id: 'f1', text: 'where is my order', serviceUrl: connector.serviceUrl, conversationId: 'down-1' });
    storeDown = true;
    const refused = await post(activity);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(connector.calls.filter(messagesTo('down-1'))).toHaveLength(0);
    storeDown = false;
    expect((await post(activity)).status).toBe(200);
    const [reply] = await connector.waitForCalls(messagesTo('down-1'));
    expect(reply!.body.text).toMatch(/order number/);
  });

  it('tells the user when a message is over the turn limits instead of failing the request', async () => {
    const answer = await post(messageActivity({ id: 'f2', text: 'x'.repeat(4001), serviceUrl: connector.serviceUrl, conversationId: 'long-text-1' }));
    expect(answer.status).toBe(200);
    const [reply] = await connector.waitForCalls(messagesTo('long-text-1'));
    expect(reply!.body.text).toBe('Sorry, that message is too long for me: please keep it under 4000 characters.');
  });

  it('ignores activities without text (reactions, typing, empty messages)', async () => {
    for (const activity of [
      { ...messageActivity({ id: 'f3', text: '', serviceUrl: connector.serviceUrl, conversationId: 'quiet-1' }) },
      { ...messageActivity({ id: 'f4', text: 'hi', serviceUrl: connector.serviceUrl, conversationId: 'quiet-1' }), type: 'typing' },
      { ...messageActivity({ id: 'f5', text: '', serviceUrl: connector.serviceUrl, conversationId: 'quiet-1' }), type: 'messageReaction' },
    ])
      expect((await post(activity)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.calls.filter((c) => c.path.startsWith('/v3/conversations/quiet-1/'))).toHaveLength(0);
  });
});
