import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'parley-stories-'));
/** One data folder for every run, so the pizza bot's classifier is trained once and then read from its cache. */
const dataDir = scratch();
/** Each run loads the bot in a new process; generous for a busy machine. */
const timeout = 180_000;
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '');

const orderStory = `stories:
  - name: a pizza to the door
    turns:
      - user: I want to order a pizza
        intent: order_pizza
        reply: What size
        no_command: true
      - user: large with pepperoni and mushrooms
        reply: /delivery address/i
      - user: Main Street 5
      - user: 10115
        reply: [a large pizza with pepperoni, mushrooms, Shall I place the order?]
      - user: yes
        command: { name: place_order, args: { size: large, toppings: [pepperoni, mushrooms], address: Main Street 5, postcode: '10115' } }
        reply: /Your order P-\\d+ is on its way/
  - name: toppings
    turns:
      - user: what toppings do you have
        intent: list_toppings
        reply: pineapple
`;

describe('parley test', () => {
  it('plays YAML stories against the bot and reports them; --json is the last stdout line', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'order.yaml'), orderStory);
    const result = await runCli(['test', '--bot', 'examples/pizza', join(dir, 'order.yaml'), '--json'], { env: { PARLEY_DATA_DIR: dataDir } });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^2 of 2 stories passed \(6 turns, \d+ ms\)$/m);
    expect(lastJson(result.stdout)).toMatchObject({ stories_n: 2, passed: 2, failed: 0, pass_rate: 1, turns_n: 6, failures: [] });
  }, timeout);

  it('names the story, the turn, what was expected and what the bot did; exit code 1', async () => {
    const dir = scratch();
    const stories = [
      {
        name: 'wrong expectations',
        turns: [
          { user: 'check if you deliver to 40211', intent: 'check_delivery', command: { name: 'check_postcode', args: { postcode: '99999' } } },
          { user: 'never reached', reply: 'x' },
        ],
      },
      { name: 'toppings', turns: [{ user: 'what toppings do you have', intent: 'allergens', reply: ['pineapple', '/^Sorry/'] }] },
      { name: 'fine', turns: [{ user: 'hello', intent: 'greet' }] },
    ];
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(stories));
    const result = await runCli(['test', '--bot', 'examples/pizza', join(dir, 'wrong.json'), '--json'], { env: { PARLEY_DATA_DIR: dataDir } });
    expect(result.code).toBe(1);
    const report = lastJson(result.stdout);
    expect(report).toMatchObject({ stories_n: 3, passed: 1, failed: 2 });
    expect(report.failures[0]).toMatchObject({
      story: 'wrong expectations',
      turn: 1,
      intent: 'check_delivery',
      problems: ['command check_postcode ran with {"postcode":"40211"}, expected {"postcode":"99999"}'],
    });
    expect(report.failures[1]).toMatchObject({ story: 'toppings', turn: 1, intent: 'list_toppings', problems: ['intent "list_toppings", expected "allergens"', 'no reply matches "/^Sorry/"'] });
    expect(result.stdout).toMatch(/✗ toppings \(.*wrong\.json\), turn 1 "what toppings do you have":\n {4}intent "list_toppings", expected "allergens"/);
  }, timeout);

  it('reads <bot>/stories by default and says where a story file is malformed, in one line', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'bad.yaml'), 'stories:\n  - name: x\n    turns:\n      - user: hi\n        replies: hello\n');
    const bad = await runCli(['test', '--bot', 'examples/pizza', join(dir, 'bad.yaml')], { env: { PARLEY_DATA_DIR: dataDir } });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/bad\.yaml: stories\[0\]\.turns\[0\]: Unrecognized key: "replies"/);
    writeFileSync(join(dir, 'broken.yaml'), 'stories:\n  - name: [unclosed\n');
    const broken = await runCli(['test', '--bot', 'examples/pizza', join(dir, 'broken.yaml')], { env: { PARLEY_DATA_DIR: dataDir } });
    expect(broken.stderr).toMatch(/broken\.yaml: not valid YAML \(.*line \d+/);
    const none = await runCli(['test', '--bot', 'examples/pizza'], { env: { PARLEY_DATA_DIR: dataDir } });
    expect(none.stderr).toMatch(/no story files: name them, or put \.yaml or \.json stories in examples\/pizza\/stories/);
  }, timeout);
});
