import { describe, expect, it } from 'vitest';
import type { TrainingExample } from '../../../engine/nlu/index.ts';
import { trainingHash } from '../../../engine/nlu/training-hash.ts';

const examples: TrainingExample[] = [
  { text: 'hello', intent: 'greet' },
  { text: 'bye', intent: 'goodbye' },
];

describe('trainingHash', () => {
  it('is a sha256 hex digest, stable across calls', () => {
    const hash = trainingHash(examples, { seed: 1 });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(trainingHash(structuredClone(examples), { seed: 1 })).toBe(hash);
  });

  it('ignores option key order, functions and undefined fields', () => {
    const hash = trainingHash(examples, { seed: 1, provider: 'parley-linear', nested: { a: 1, b: 2 } });
    expect(trainingHash(examples, { nested: { b: 2, a: 1 }, provider: 'parley-linear', seed: 1 })).toBe(hash);
    expect(
      trainingHash(examples, {
        provider: 'parley-linear',
        seed: 1,
        nested: { a: 1, b: 2 },
        onProgress: () => {},
        extra: undefined,
      }),
    ).toBe(hash);
  });

  it('changes with any text, intent, example order or option', () => {
    const hash = trainingHash(examples, { seed: 1 });
    const changed = [
      trainingHash([{ text: 'hello!', intent: 'greet' }, examples[1]!], { seed: 1 }),
      trainingHash([{ text: 'hello', intent: 'greeting' }, examples[1]!], { seed: 1 }),
      trainingHash([...examples].reverse(), { seed: 1 }),
      trainingHash(examples, { seed: 2 }),
      trainingHash(examples),
    ];
    expect(new Set([hash, ...changed]).size).toBe(changed.length + 1);
  });

  it('only hashes text and intent of an example', () => {
    const withExtra = examples.map((e) => ({ ...e, note: 'ignored' }));
    expect(trainingHash(withExtra)).toBe(trainingHash(examples));
  });
});
