import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ModelCorpus } from '../../../core/training/model-corpus.ts';
import { writeModelCard } from '../../../core/training/write-model-card.ts';

const corpus: ModelCorpus = {
  botName: 'Test bot',
  key: 'k',
  chatTemplate: '',
  specialTokens: [],
  samples: [{ split: 'train', intent: 'greet', call: { name: 'greet', arguments: {} }, reply: null, text: 'hi', prompt: '<|im_start|>user\nhi', completion: '' }],
  stats: { intents: 1, trainPhrasings: 1, heldOutPhrasings: 1, folds: 4, fullReadingShare: 0.75, unfamiliarWordsShare: 0.2 },
};
const report = {
  n: 2,
  intent_accuracy: 0.5,
  exact_call_accuracy: 0.5,
  outcomes: [
    { text: 'hello', intent: 'greet', expected: { name: 'greet', arguments: {} }, got: { name: 'greet', arguments: {} }, reply: '', intentOk: true, exact: true },
    { text: 'hey | you', intent: 'greet', expected: { name: 'greet', arguments: {} }, got: null, reply: 'I can only help with greetings.', intentOk: false, exact: false },
  ],
};

function modelDir(segments?: Array<{ from: number; to: number; schedule: number }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-card-'));
  const training = { parameters: 1_016_960, size: 'tiny', vocab: 1761, steps: 6000, batch: 16, lr: 0.002, train_samples: 1, mean_tokens: 188, seconds: 6000, final_loss: 0.07, device: 'cpu', threads: 1, torch: '1.13', ...(segments ? { segments } : {}) };
  writeFileSync(join(dir, 'training.json'), JSON.stringify(training));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ num_hidden_layers: 4, hidden_size: 128, num_attention_heads: 4, num_key_value_heads: 2, head_dim: 32, intermediate_size: 384 }));
  return dir;
}

const command = (steps: number) => `npx parley train-model --bot b --steps ${steps}`;

describe('the model card', () => {
  test('states the evaluation, the per-intent table and the rebuild command of a single run', async () => {
    const dir = modelDir([{ from: 0, to: 6000, schedule: 6000 }]);
    await writeModelCard({ modelDir: dir, corpus, report, command });
    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(card).toContain('6000 steps of 16 turns');
    expect(card).toContain('Rebuild: `npx parley train-model --bot b --steps 6000`.');
    expect(card).toContain('| 2 | 50.0 % | 50.0 % |');
    expect(card).toContain('| hey \\| you |');
    expect(JSON.parse(readFileSync(join(dir, 'evaluation.json'), 'utf8'))).toEqual({ n: 2, intent_accuracy: 0.5, exact_call_accuracy: 0.5 });
  });

  test('a run resumed with more steps is described as such, with one rebuild command per run', async () => {
    const dir = modelDir([{ from: 0, to: 3000, schedule: 3000 }, { from: 3000, to: 6000, schedule: 6000 }]);
    await writeModelCard({ modelDir: dir, corpus, report, command });
    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(card).toContain('3000 steps, then resumed to 6000 (cosine over 6000 from step 3000) of 16 turns');
    expect(card).toContain('Rebuild: `npx parley train-model --bot b --steps 3000`, then `npx parley train-model --bot b --steps 6000`.');
  });
});
