import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testAuthorization } from '../support/security-api-key.ts';
import { postMessage, type ServerProcess, startServerProcess } from '../support/start-server-process.ts';

describe('a server killed mid-conversation', () => {
  let server: ServerProcess | undefined;
  afterEach(() => {
    server?.child.kill('SIGKILL');
  });

  it('continues the same conversation after SIGKILL and a restart on the same SQLite file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-kill-'));
    server = await startServerProcess({ PARLEY_DATA_DIR: dataDir });
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', bot: 'Acme store assistant' });

    expect((await postMessage(server.url, 'kill-test', 'I want to return an item')).reply).toMatch(/order number/);
    expect((await postMessage(server.url, 'kill-test', '45210')).reply).toMatch(/Why are you returning it/);

    const exited = new Promise((resolve) => server?.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    expect(await exited).not.toBe(0);

    server = await startServerProcess({ PARLEY_DATA_DIR: dataDir });
    const afterRestart = await postMessage(server.url, 'kill-test', 'the sleeves are too long');
    expect(afterRestart.reply).toMatch(/open a return for order 45210 because "the sleeves are too long"/);
    const confirmed = await postMessage(server.url, 'kill-test', 'yes');
    expect(confirmed.reply).toMatch(/e-mail address on the order/);
    const proved = await postMessage(server.url, 'kill-test', 'maria.garcia@example.com');
    expect(proved.events.find((e) => e.type === 'command-start')).toMatchObject({
      name: 'create_return',
      args: { order_id: '45210', reason: 'the sleeves are too long', email: 'maria.garcia@example.com' },
    });
    const history = await (await fetch(`${server.url}/api/conversations/kill-test/history`, { headers: testAuthorization })).json();
    expect(history.history.filter((h: { role: string }) => h.role === 'user')).toHaveLength(5);
  });
});
