import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../../support/start-server-process.ts';
import { eventCallback, slackSignature, startSlackStandIn } from '../slack/slack-stand-in.ts';
import { messageActivity, startConnectorStandIn } from './connector-stand-in.ts';

const slackSecret = 'slack-signing-secret-for-tests';
let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
let server: ServerProcess;

beforeAll(async () => {
  connector = await startConnectorStandIn();
  slack = await startSlackStandIn();
  server = await startServerProcess({
    PARLEY_STORE: 'memory',
    PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-teams-slack-')),
    MicrosoftAppId: 'app-1',
    MicrosoftAppPassword: 'app-secret',
    PARLEY_BOTFRAMEWORK_OPENID_METADATA: connector.openIdMetadataUrl,
    PARLEY_BOTFRAMEWORK_TOKEN_URL: connector.tokenUrl,
    SLACK_SIGNING_SECRET: slackSecret,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: slack.apiUrl,
  });
}, 90_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await connector.close();
  await slack.close();
});

describe('parley start serves Teams and Slack', () => {
  it('starts without contacting Microsoft or Slack, then answers POST /api/messages with a verified token', async () => {
    expect(connector.hits).toEqual({ metadata: 0, keys: 0, token: 0 });
    expect(slack.calls).toHaveLength(0);
    const activity = messageActivity({ id: 'm1', text: 'where is my order', serviceUrl: connector.serviceUrl, conversationId: 'server-1' });
    const refused = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(refused.status).toBe(401);
    const token = await connector.token({ appId: 'app-1', serviceUrl: connector.serviceUrl });
    const answer = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    expect(answer.status).toBe(200);
    const [reply] = await connector.waitForCalls((c) => c.path.startsWith('/v3/conversations/server-1/') && c.body.type === 'message');
    expect(reply!.body.text).toMatch(/order number/);
  });

  it('answers signed Slack events at POST /slack/events and refuses unsigned ones', async () => {
    const body = JSON.stringify(eventCallback('EvS1', { type: 'message', channel_type: 'im', channel: 'DS1', user: 'U1', text: 'where is my order', ts: '1.1' }));
    const unsigned = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const signed = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...slackSignature(slackSecret, body) }, body });
    expect(signed.status).toBe(200);
    const [reply] = await slack.waitForCalls((c) => c.path === '/api/chat.postMessage' && c.body.channel === 'DS1');
    expect(reply!.body.text).toMatch(/order number/);
  });

  it('refuses to start with anonymous Bot Framework mode in production', async () => {
    const child = spawn(process.execPath, ['bin/parley.js', 'start', '--bot', 'examples/acme'], {
      env: { ...process.env, PORT: '0', NODE_ENV: 'production', PARLEY_BOTFRAMEWORK_ANONYMOUS: '1', PARLEY_STORE: 'memory' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toMatch(/PARLEY_BOTFRAMEWORK_ANONYMOUS/);
    expect(output).not.toMatch(/listening on/);
  }, 60_000);
});
