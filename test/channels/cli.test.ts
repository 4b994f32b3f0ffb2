import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'parley-cli-'));

describe('parley chat', () => {
  it('reads one turn per stdin line, prints every reply and exits 0 at the end of input', async () => {
    const result = await runCli(['chat', '--bot', 'examples/acme'], {
      input: 'hi\nwhere is my order\n12345\n',
      env: { PARLEY_DATA_DIR: dataDir() },
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('> hi');
    expect(lines[1]).toMatch(/^bot: Hi! I'm the Acme store assistant/);
    expect(result.stdout).toMatch(/> where is my order\nbot: What's your order number\?/);
    expect(result.stdout).toMatch(/> 12345\nbot: I found order 12345\./);
  });
});

describe('parley eval', () => {
  it('prints one JSON report as the last stdout line, with intents, commands and tasks scored', async () => {
    const dir = dataDir();
    const file = join(dir, 'eval.jsonl');
    writeFileSync(
      file,
      [
        { text: 'when are you open on saturday', intent: 'store_hours' },
        { text: 'where is my parcel, order 30112', intent: 'order_status', command: 'get_order_status', args: { order_id: '30112' } },
        { text: 'where is my parcel, order 30112', intent: 'order_status', command: 'get_order_status', args: { order_id: '99999' } },
        { turns: ['I want to return something', '45210', 'too big', 'yes', 'maria.garcia@example.com'], commands: [{ command: 'create_return', args: { order_id: '45210', reason: 'too big', email: 'maria.garcia@example.com' } }] },
        { turns: ['I want to return something', '45210', 'too big', 'no'], commands: [] },
        { text: 'write me a poem about the sea', intent: null },
        { text: 'where is order 45210', intent: null },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const result = await runCli(['eval', '--bot', 'examples/acme', '--data', file], { env: { PARLEY_DATA_DIR: dir } });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '');
    expect(report).toMatchObject({ n: 7, intent_n: 3, intent_accuracy: 1, oos_n: 2, oos_recall: 0.5, command_n: 2, command_accuracy: 0.5, task_n: 2, task_success: 1 });
    expect(report.misses).toHaveLength(2);
    expect(report.misses[0]).toMatchObject({ kind: 'command', expected: { args: { order_id: '99999' } } });
    expect(report.misses[1]).toMatchObject({ kind: 'out_of_scope', text: 'where is order 45210', expected: { intent: null }, got: { intent: 'order_status' } });
  });

  it('names the line of malformed data', async () => {
    const dir = dataDir();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"text": "hi", "intent": "greet"}\n{"text": 5}\n');
    const result = await runCli(['eval', '--bot', 'examples/acme', '--data', file], { env: { PARLEY_DATA_DIR: dir } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/line 2: text/);
    writeFileSync(file, '{"text": "write a poem", "intent": null, "command": "poem", "args": {}}\n');
    const noCommand = await runCli(['eval', '--bot', 'examples/acme', '--data', file], { env: { PARLEY_DATA_DIR: dir } });
    expect(noCommand.stderr).toMatch(/line 1: command: an out-of-scope line \(intent null\) cannot expect a command/);
  });
});

describe('parley eval --route model', () => {
  it('sends every first turn through the local ONNX model given with --model, and refuses the route without one', async () => {
    const dir = dataDir();
    const file = join(dir, 'eval.jsonl');
    writeFileSync(file, [{ text: 'where is my order 12345', intent: 'order_status' }, { text: 'hello there', intent: 'greet' }].map((l) => JSON.stringify(l)).join('\n'));
    const routed = await runCli(['eval', '--bot', 'examples/acme', '--data', file, '--model', 'test/fixtures/tiny-llama', '--route', 'model'], {
      env: { PARLEY_DATA_DIR: dir },
    });
    expect(routed.code).toBe(0);
    const report = JSON.parse(routed.stdout.trim().split('\n').at(-1) ?? '');
    expect(report.routes).toEqual({ classifier: 0, model: 2 });
    const plain = await runCli(['eval', '--bot', 'examples/acme', '--data', file], { env: { PARLEY_DATA_DIR: dir } });
    expect(JSON.parse(plain.stdout.trim().split('\n').at(-1) ?? '').routes).toEqual({ classifier: 2, model: 0 });
    const refused = await runCli(['eval', '--bot', 'examples/acme', '--data', file, '--route', 'model'], { env: { PARLEY_DATA_DIR: dir } });
    expect(refused.code).toBe(78);
    expect(refused.stderr).toMatch(/invalid config "routing"/);
  }, 120_000);
});

describe('parley configuration errors', () => {
  it('exits non-zero naming the key for a bad environment value', async () => {
    const result = await runCli(['start', '--bot', 'examples/acme'], { env: { PORT: 'eighty', PARLEY_DATA_DIR: dataDir() } });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/invalid config "port".*environment variable PORT/);
  });

  it('exits non-zero for a bad config file key and for a missing bot directory', async () => {
    const bot = dataDir();
    writeFileSync(join(bot, 'bot.ts'), "export const bot = { name: 'x', setup: () => ({ skills: [] }) };\n");
    writeFileSync(join(bot, 'parley.config.json'), JSON.stringify({ store: 'postgres' }));
    const badKey = await runCli(['chat', '--bot', bot], { env: { PARLEY_DATA_DIR: dataDir() } });
    expect(badKey.code).toBe(78);
    expect(badKey.stderr).toMatch(/invalid config "store".*parley.config.json key "store"/);
    const missing = await runCli(['chat', '--bot', join(bot, 'nope')]);
    expect(missing.code).toBe(78);
    expect(missing.stderr).toMatch(/--bot/);
  });

  it('refuses bad train-model settings before generating or training anything', async () => {
    const size = await runCli(['train-model', '--bot', 'examples/acme', '--size', 'huge', '--out', join(dataDir(), 'm')]);
    expect(size.code).toBe(78);
    expect(size.stderr).toMatch(/invalid config "--size".*"tiny", "small" or "base"/);
    const steps = await runCli(['train-model', '--bot', 'examples/acme', '--steps', 'many', '--out', join(dataDir(), 'm')]);
    expect(steps.code).toBe(78);
    expect(steps.stderr).toMatch(/--steps/);
    const python = await runCli(['train-model', '--bot', 'examples/acme', '--python', '/nonexistent/python3', '--out', join(dataDir(), 'm')]);
    expect(python.code).toBe(78);
    expect(python.stderr).toMatch(/invalid config "--python".*apt-get install python3-torch/);
    const noWeights = await runCli(['train-model', '--bot', 'examples/acme', '--from-weights', join(dataDir(), 'none'), '--out', join(dataDir(), 'm')]);
    expect(noWeights.code).toBe(78);
    expect(noWeights.stderr).toMatch(/invalid config "--from-weights".*written by train-model.py --weights-out/);
    const partial = join(dataDir(), 'partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'state.json'), JSON.stringify({ size: 'small', shards: 2 }));
    writeFileSync(join(partial, 'weights-00.pt'), '');
    const missingShard = await runCli(['train-model', '--bot', 'examples/acme', '--from-weights', partial, '--out', join(dataDir(), 'm')]);
    expect(missingShard.code).toBe(78);
    expect(missingShard.stderr).toMatch(/all 2 weight files.*weights-01\.pt is missing/);
  });

  it('train-model --corpus-only generates the corpus without Python, and reuses it', async () => {
    const name = `corpus-only-${process.pid}`;
    const workDir = join('.parley', 'train', name);
    try {
      const first = await runCli(['train-model', '--bot', 'examples/acme', '--out', join(dataDir(), name), '--corpus-only', '--conversations', '30', '--python', '/nonexistent/python3']);
      expect(first.code).toBe(0);
      const result = JSON.parse(first.stdout.trim().split('\n').at(-1)!) as { corpus: string; samples: number };
      expect(result.corpus).toBe(join(workDir, 'corpus.jsonl'));
      const lines = readFileSync(result.corpus, 'utf8').trim().split('\n');
      expect(lines.length - 1).toBe(result.samples);
      expect(result.samples).toBeGreaterThan(100);
      const again = await runCli(['train-model', '--bot', 'examples/acme', '--out', join(dataDir(), name), '--corpus-only', '--conversations', '30']);
      expect(again.stderr).toContain(`corpus: ${result.samples} samples from ${result.corpus}`);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }, 60_000);
});
