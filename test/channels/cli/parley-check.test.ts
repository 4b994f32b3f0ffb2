import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';

/** Each run loads a bot's skills in a new process; generous for a busy machine. */
const timeout = 120_000;

describe('parley check', () => {
  it('lists every problem of the skills with the skill, the place and the fix, and exits 1', async () => {
    const result = await runCli(['check', '--bot', 'test/fixtures/broken-bot', '--skip-types', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '');
    expect(report).toMatchObject({ ok: false, tsconfig: null, type_errors: [] });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ skill: 'tables', path: 'intents.greet', problem: 'intent "greet" is declared by skills "builtin" and "tables"' }),
        expect.objectContaining({ skill: 'tables', path: 'flows.book_table.slots.people.entity', fix: expect.stringMatching(/declare "party_size"/) }),
        expect.objectContaining({ skill: 'tables', path: 'flows.book_table.steps[1]', problem: expect.stringMatching(/command "book" needs slot "day"/) }),
      ]),
    );
    expect(result.stdout).toMatch(/✗ skill "tables", flows\.book_table\.steps\[1\]: .*\n {4}fix: a step \{ collect: 'day' \} before the call/);
  }, timeout);

  it('passes a sound bot', async () => {
    const result = await runCli(['check', '--bot', 'examples/pizza', '--skip-types', '--json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '')).toEqual({ problems: [], tsconfig: null, type_errors: [], ok: true });
  }, timeout);
});
