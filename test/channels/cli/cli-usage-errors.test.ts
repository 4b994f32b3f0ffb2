import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'parley-usage-'));
const lines = (text: string) => text.trim().split('\n');
/** Every test starts parley processes, some of which load a bot; generous for a busy machine. */
const timeout = 180_000;

describe('parley --help', () => {
  it('prints each command its own help, and the overview lists them all', async () => {
    const overview = await runCli(['--help']);
    for (const command of ['new', 'start', 'chat', 'test', 'check', 'api-key', 'eval', 'train-model']) expect(overview.stdout).toContain(`parley ${command}`);
    const [test, check] = await Promise.all([runCli(['test', '--help']), runCli(['help', 'check'])]);
    expect(lines(test?.stdout ?? '')[0]).toBe('Usage: parley test --bot <dir> [files...] [--json]');
    expect(lines(check?.stdout ?? '')[0]).toBe('Usage: parley check --bot <dir> [--skip-types] [--json]');
  }, timeout);
});

describe('one clear line instead of a stack or a silent default', () => {
  it('requires --bot outside the npm scripts', async () => {
    const result = await runCli(['chat'], { input: 'hi\n' });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['parley: invalid config "--bot": expected the bot\'s folder (the one with bot.ts), e.g. parley chat --bot examples/acme']);
  }, timeout);

  let busy: Server | undefined;
  afterAll(() => busy?.close());

  it('says which port is in use', async () => {
    const server = createServer();
    busy = server;
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    const result = await runCli(['start', '--bot', 'examples/pizza', '--port', String(port)], { env: { PARLEY_DATA_DIR: scratch(), HOST: '127.0.0.1', PARLEY_API_KEYS: 'k'.repeat(32) } });
    expect(result.code).toBe(78);
    expect(lines(result.stderr)).toEqual([`parley: invalid config "port": expected a free port (127.0.0.1:${port} is in use by another program; pick another with --port N or PORT, 0 for any free one)`]);
  }, timeout);

  it('says the data folder cannot be written', async () => {
    const file = join(scratch(), 'a-file');
    writeFileSync(file, '');
    const result = await runCli(['chat', '--bot', 'examples/pizza'], { input: 'hi\n', env: { PARLEY_DATA_DIR: join(file, 'data') } });
    expect(result.code).toBe(78);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^parley: invalid config "dataDir": expected a writable data folder \(ENOTDIR on .*a-file\/data; set PARLEY_DATA_DIR/);
  }, timeout);
});

describe('the data folder', () => {
  it('defaults to <bot dir>/.parley, so two bots never share one', async () => {
    const bot = scratch();
    const env = { PARLEY_DATA_DIR: '' };
    const result = await runCli(['api-key', '--bot', bot], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(bot, '.parley'))).toBe(true);
    expect(readdirSync(join(bot, '.parley')).length).toBeGreaterThan(0);
    const again = await runCli(['api-key', '--bot', bot], { env });
    expect(again.stdout).toBe(result.stdout);
    const other = await runCli(['api-key', '--bot', scratch()], { env });
    expect(other.stdout).not.toBe(result.stdout);
  }, timeout);
});
