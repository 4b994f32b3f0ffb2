import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { trainBotClassifier } from '../../core/train-bot-classifier.ts';
import { pizzaExamples } from '../../examples/pizza/pizza-examples.ts';

const examples = Object.entries(pizzaExamples).flatMap(([intent, texts]) => texts.slice(0, 10).map((text) => ({ text, intent })));

function capturingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

it("a bot's classifier gets its own out-of-scope threshold, reported when it is trained and when it is loaded from the cache", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'parley-abstention-'));
  const first = capturingLog();
  const classifier = await trainBotClassifier(examples, { cacheDir, log: first.log });
  const chosen = classifier.abstention;
  expect(chosen).toBeDefined();
  expect(chosen!.threshold).toBeLessThanOrEqual(0.5);
  const reported = (lines: Array<Record<string, unknown>>) => lines.find((l) => l.msg === 'out-of-scope threshold chosen by cross-validation on the examples');
  expect(reported(first.lines)).toMatchObject({
    threshold: Math.round(chosen!.threshold * 1000) / 1000,
    expectedInScopeAcceptance: Math.round(chosen!.inScopeAcceptance * 1000) / 1000,
    expectedOffTopicRejection: Math.round(chosen!.offTopicRejection * 1000) / 1000,
  });
  const second = capturingLog();
  const cached = await trainBotClassifier(examples, { cacheDir, log: second.log });
  expect(second.lines.some((l) => l.msg === 'intent classifier trained')).toBe(false);
  expect(cached.abstention).toEqual(chosen);
  const { time: _first, ...once } = reported(first.lines) ?? {};
  const { time: _second, ...again } = reported(second.lines) ?? {};
  expect(again).toEqual(once);
  // The threshold is the one the classifier applies.
  for (const text of ['could you bring a pizza over', 'what is the capital of peru', 'toppings?']) {
    const p = cached.classify(text);
    expect(p.outOfScope).toBe(p.confidence < chosen!.threshold);
  }
}, 120_000);
