import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApiKey } from '../support/security-api-key.ts';
import { killServer, type ServerLife, spawnServer } from '../support/server-supervisor.ts';
import { postTurn } from '../support/turn-client.ts';

/**
 * The demo as `npm start` runs it, twice: A with the starter model in-process (`--model models/starter`), and B
 * with `PARLEY_MODEL=openai:starter` pointed at A's `/v1` — the Acme demo running on an OpenAI-compatible server,
 * which here is parley itself.
 */
/** A's "model completion served" log lines so far (pino JSON on stderr). */
function completionsServed(life: ServerLife): Array<{ model: string; toolCalls: string[] }> {
  return life
    .stderr()
    .split('\n')
    .filter((line) => line.includes('"model completion served"'))
    .map((line) => JSON.parse(line) as { model: string; toolCalls: string[] });
}

describe('npm start speaks OpenAI both ways', () => {
  const dirs: string[] = [];
  let a: ServerLife;
  let b: ServerLife;
  let clientA: OpenAI;
  let clientB: OpenAI;

  beforeAll(async () => {
    const dataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'parley-openai-demo-'));
      dirs.push(dir);
      return dir;
    };
    // A logs at info: each completion its model serves is a line there.
    a = await spawnServer({ PARLEY_DATA_DIR: dataDir(), PARLEY_MODEL: 'models/starter', PARLEY_DEVICE: 'cpu', PARLEY_LOG_LEVEL: 'info' }, 1, 120_000);
    b = await spawnServer(
      { PARLEY_DATA_DIR: dataDir(), PARLEY_MODEL: 'openai:starter', OPENAI_BASE_URL: `${a.url}/v1`, OPENAI_API_KEY: testApiKey },
      1,
      120_000,
      ['--route', 'model'],
    );
    clientA = new OpenAI({ baseURL: `${a.url}/v1`, apiKey: testApiKey, maxRetries: 0 });
    clientB = new OpenAI({ baseURL: `${b.url}/v1`, apiKey: testApiKey, maxRetries: 0 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(killServer));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the bot under its directory name and the model under its own', async () => {
    const listed = async (client: OpenAI) => (await client.models.list()).data.map((m) => m.id).sort();
    expect(await listed(clientA)).toEqual(['acme', 'starter']);
    expect(await listed(clientB)).toEqual(['acme', 'starter']);
  });

  it('a raw completion through B is relayed to A: the same greedy text and token counts', async () => {
    const request = {
      model: 'starter',
      messages: [{ role: 'user' as const, content: 'where is my order 12345?' }],
      max_tokens: 12,
      temperature: 0,
    };
    const servedBefore = completionsServed(a).length;
    const direct = await clientA.chat.completions.create(request);
    const relayed = await clientB.chat.completions.create(request);
    // A logs a completion once it has sent it: the line may reach this process after the answer.
    await vi.waitFor(() => {
      expect(completionsServed(a).slice(servedBefore), 'A served the direct and the relayed completion').toMatchObject([{ model: 'starter' }, { model: 'starter' }]);
    }, { timeout: 10_000, interval: 50 });
    expect(relayed.choices[0]!.message.content).toBe(direct.choices[0]!.message.content);
    expect(relayed.usage?.completion_tokens).toBe(direct.usage?.completion_tokens);
  }, 60_000);

  it('B routes a REST turn through the remote model, which calls the order-status command', async () => {
    const servedBefore = completionsServed(a).length;
    const answer = await postTurn(b.url, `remote-${Date.now()}`, 'where is my order 12345?', 'turn-1', 60_000);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // The command call came from A's model: B has no model of its own, and --route model sends the turn there.
    await vi.waitFor(() => {
      const served = completionsServed(a).slice(servedBefore);
      expect(served.flatMap((c) => c.toolCalls), JSON.stringify(served)).toContain('get_order_status');
    }, { timeout: 10_000, interval: 50 });
    expect(answer.body.events?.find((e) => e.type === 'command-start'), JSON.stringify(answer.body)).toMatchObject({ name: 'get_order_status', args: { order_id: '12345' } });
    expect(answer.body.reply).toMatch(/12345/);
  }, 60_000);

  it('with a key the model server refuses, the turn is answered at once without the command (401 is not retried)', async () => {
    const wrong = await spawnServer(
      { PARLEY_DATA_DIR: dirs[1]!, PARLEY_STORE: 'memory', PARLEY_MODEL: 'openai:starter', OPENAI_BASE_URL: `${a.url}/v1`, OPENAI_API_KEY: 'sk-wrong' },
      1,
      120_000,
      ['--route', 'model'],
    );
    try {
      const answer = await postTurn(wrong.url, `wrong-${Date.now()}`, 'where is my order 12345?', 'turn-1', 60_000);
      expect(answer.body.events?.some((e) => e.type === 'command-start'), JSON.stringify(answer.body)).toBe(false);
      expect(answer.status).toBe(200);
      expect(answer.body.reply).toMatch(/didn't understand/);
    } finally {
      await killServer(wrong);
    }
  }, 180_000);
});
