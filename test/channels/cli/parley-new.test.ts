import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'parley-new-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of a shell a user opens: none of this vitest run's own variables. */
function userEnvironment(): NodeJS.ProcessEnv {
  const own = Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$|PARLEY_|FORCE_COLOR$)/.test(name));
  return { ...Object.fromEntries(own), NO_COLOR: '1' };
}

function run(command: string, args: string[], cwd: string) {
  const child = spawn(command, args, { cwd, env: userEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return new Promise<{ code: number | null; output: string }>((done) => child.once('close', (code) => done({ code, output })));
}

describe('parley new', () => {
  it('scaffolds a project that installs against this checkout and passes its own npm test', async () => {
    const dir = join(scratch, 'my-bot');
    const created = await runCli(['new', dir]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`Next: cd ${dir} && npm install && npm test`);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'my-bot', type: 'module', dependencies: { parley: `file:${resolve('.')}` } });
    for (const file of ['tsconfig.json', 'bot.ts', 'booking-skill.ts', 'knowledge/menu.md', 'stories/booking.yaml', 'test/bot.test.ts', 'README.md', '.gitignore']) {
      expect(() => readFileSync(join(dir, file)), file).not.toThrow();
    }
    const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    expect(install.code, install.output).toBe(0);
    const test = await run('npm', ['test'], dir);
    expect(test.code, test.output).toBe(0);
    expect(test.output).toMatch(/0 skill problems, 0 type errors/);
    expect(test.output).toMatch(/4 of 4 stories passed/);
    expect(test.output).toMatch(/Tests\s+2 passed/);

    // The project's own checks catch a broken change: a misspelled slot is a type error.
    const skill = join(dir, 'booking-skill.ts');
    writeFileSync(skill, readFileSync(skill, 'utf8').replace("{ collect: 'day' }", "{ collect: 'dya' }"));
    const broken = await run('npm', ['run', 'check'], dir);
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/booking-skill\.ts\(\d+,\d+\): error TS\d+/);
  }, 300_000);

  it('refuses a folder that is not empty, in one line', async () => {
    const dir = mkdtempSync(join(scratch, 'full-'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const result = await runCli(['new', dir]);
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/a new or empty folder/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
