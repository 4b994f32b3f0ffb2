import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { trainBotClassifier } from '../../core/train-bot-classifier.ts';
import type { IntentClassifierTrainer } from '../../engine/nlu/intent-classifier.ts';
import { createLinearIntentTrainer } from '../../engine/nlu/linear-intent-trainer.ts';

const examples = [
  ...['hi', 'hello there', 'good morning', 'hey'].map((text) => ({ text, intent: 'greet' })),
  ...['bye', 'see you later', 'goodbye', 'have a nice day'].map((text) => ({ text, intent: 'goodbye' })),
];
const log = pino({ level: 'silent' });

function countingTrainer(inner: IntentClassifierTrainer) {
  const counter = { trained: 0 };
  const trainer: IntentClassifierTrainer = {
    provider: inner.provider,
    settings: inner.settings,
    load: (s) => inner.load(s),
    train: async (e, o) => {
      counter.trained += 1;
      return inner.train(e, o);
    },
  };
  return { trainer, counter };
}

describe('trainBotClassifier', () => {
  it('trains once and loads the cached model on the next start with the same examples', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'parley-cache-'));
    const { trainer, counter } = countingTrainer(createLinearIntentTrainer());
    const first = await trainBotClassifier(examples, { cacheDir, trainer, log });
    const second = await trainBotClassifier(examples, { cacheDir, trainer, log });
    expect(counter.trained).toBe(1);
    expect(second.classify('hello')).toEqual(first.classify('hello'));
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('retrains when the examples or the trainer settings change, or the cache file is corrupt', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'parley-cache-'));
    const { trainer, counter } = countingTrainer(createLinearIntentTrainer());
    await trainBotClassifier(examples, { cacheDir, trainer, log });
    await trainBotClassifier([...examples, { text: 'farewell', intent: 'goodbye' }], { cacheDir, trainer, log });
    const other = countingTrainer(createLinearIntentTrainer({ oosThreshold: 0.3 }));
    await trainBotClassifier(examples, { cacheDir, trainer: other.trainer, log });
    expect(counter.trained + other.counter.trained).toBe(3);
    for (const file of readdirSync(cacheDir)) writeFileSync(join(cacheDir, file), '{not json');
    await trainBotClassifier(examples, { cacheDir, trainer, log });
    expect(counter.trained).toBe(3);
  });
});
