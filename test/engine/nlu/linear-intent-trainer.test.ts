import { describe, expect, it } from 'vitest';
import { isParleyError } from '../../../core/contracts/errors/index.ts';
import {
  createLinearIntentTrainer,
  type IntentClassifier,
  type IntentPrediction,
  type TrainingExample,
} from '../../../engine/nlu/index.ts';
import { toyExamples, toyOutOfScope, toyParaphrases } from './toy-intents.ts';

const toyIntents = [...new Set(toyExamples.map((e) => e.intent))].sort();
const trainer = createLinearIntentTrainer();
const classifierPromise = trainer.train(toyExamples);

async function expectInputError(promise: Promise<unknown>, field: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isParleyError(error), `expected a parley error, got ${String(error)}`).toBe(true);
  expect((error as Error).name).toBe('InputError');
  expect((error as { field: string }).field).toBe(field);
}

function expectWellFormed(prediction: IntentPrediction, classifier: IntentClassifier): void {
  const { ranking } = prediction;
  expect(ranking.map((s) => s.intent).sort()).toEqual([...classifier.intents]);
  for (let i = 1; i < ranking.length; i++)
    expect(ranking[i - 1]!.confidence).toBeGreaterThanOrEqual(ranking[i]!.confidence);
  for (const score of ranking) {
    expect(score.confidence).toBeGreaterThanOrEqual(0);
    expect(score.confidence).toBeLessThanOrEqual(1);
  }
  expect(prediction.confidence).toBe(ranking[0]!.confidence);
  expect(ranking.reduce((sum, s) => sum + s.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
}

describe('createLinearIntentTrainer', () => {
  it('names its provider and the sorted intents it learned', async () => {
    const classifier = await classifierPromise;
    expect(trainer.provider).toBe('parley-linear');
    expect(classifier.provider).toBe('parley-linear');
    expect(classifier.intents).toEqual(toyIntents);
  });

  it('classifies its own training examples correctly', async () => {
    const classifier = await classifierPromise;
    const wrong = toyExamples.filter((e) => classifier.classify(e.text).intent !== e.intent);
    expect(wrong).toEqual([]);
  });

  it('generalises to unseen paraphrases, including unseen order numbers', async () => {
    const classifier = await classifierPromise;
    for (const [text, intent] of toyParaphrases) {
      const prediction = classifier.classify(text);
      expect({ text, intent: prediction.intent }).toEqual({ text, intent });
      expect(prediction.outOfScope).toBe(false);
      expect(prediction.confidence).toBeGreaterThan(0.5);
      expectWellFormed(prediction, classifier);
    }
  });

  it('gives a probability distribution over all intents for a fully familiar utterance', async () => {
    const classifier = await classifierPromise;
    const prediction = classifier.classify('where is my order');
    expectWellFormed(prediction, classifier);
    expect(prediction.ranking.reduce((sum, s) => sum + s.confidence, 0)).toBeCloseTo(1, 6);
    expect(prediction.ranking[0]!.intent).toBe('order_status');
  });

  it('marks gibberish and unrelated sentences out of scope, keeping confidence and ranking', async () => {
    const classifier = await classifierPromise;
    for (const text of [...toyOutOfScope, '', '?!']) {
      const prediction = classifier.classify(text);
      expect({ text, intent: prediction.intent, outOfScope: prediction.outOfScope }).toEqual({
        text,
        intent: null,
        outOfScope: true,
      });
      expect(prediction.confidence).toBeLessThan(0.3);
      expectWellFormed(prediction, classifier);
    }
  });

  it('applies oosThreshold to the best confidence', async () => {
    const base = await classifierPromise;
    const inScope = 'i would like my money back';
    const unrelated = 'what is the capital of australia';
    const { confidence } = base.classify(inScope);
    expect(confidence).toBeLessThan(1);
    const strict = await createLinearIntentTrainer({ oosThreshold: (confidence + 1) / 2 }).train(toyExamples);
    expect(strict.classify(inScope)).toMatchObject({ intent: null, outOfScope: true, confidence });
    const lenient = await createLinearIntentTrainer({ oosThreshold: 0.01 }).train(toyExamples);
    expect(lenient.classify(unrelated)).toMatchObject({
      intent: base.classify(unrelated).ranking[0]!.intent,
      outOfScope: false,
      confidence: base.classify(unrelated).confidence,
    });
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    const a = await trainer.train(toyExamples, { seed: 42 });
    const b = await trainer.train(toyExamples, { seed: 42 });
    const c = await trainer.train(toyExamples, { seed: 43 });
    expect(JSON.stringify(a.serialize())).toBe(JSON.stringify(b.serialize()));
    expect((a.serialize() as { weights: string }).weights).not.toBe(
      (c.serialize() as { weights: string }).weights,
    );
  });

  it('round-trips through JSON to a classifier with identical predictions', async () => {
    const classifier = await classifierPromise;
    const json = JSON.stringify(classifier.serialize());
    const restored = trainer.load(JSON.parse(json));
    expect(restored.provider).toBe('parley-linear');
    expect(restored.intents).toEqual(classifier.intents);
    const texts = [...toyExamples.map((e) => e.text), ...toyParaphrases.map(([t]) => t), ...toyOutOfScope];
    for (const text of texts) expect(restored.classify(text)).toEqual(classifier.classify(text));
    expect(JSON.stringify(restored.serialize())).toBe(json);
  });

  it('serialises to plain JSON with the vocabulary and weights', async () => {
    const serialized = (await classifierPromise).serialize() as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(serialized))).toEqual(serialized);
    expect(serialized['format']).toBe('parley-linear-intent-model');
    expect(serialized['intents']).toEqual(toyIntents);
    expect(serialized['vocabulary']).toContain('w:order');
    expect(typeof serialized['weights']).toBe('string');
  });

  it('rejects a corrupt serialised model with an InputError', () => {
    expect(() => trainer.load({ format: 'something-else' })).toThrow(/serialized\.format/);
    expect(() => trainer.load(null)).toThrow(/serialized/);
  });

  it('reports progress from 0 to 1', async () => {
    const fractions: number[] = [];
    await trainer.train(toyExamples, { onProgress: (f) => fractions.push(f) });
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeGreaterThan(2);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);
  });

  it('rejects training sets it cannot learn from', async () => {
    const two: TrainingExample[] = [
      { text: 'hello', intent: 'greet' },
      { text: 'bye', intent: 'goodbye' },
    ];
    await expectInputError(trainer.train([]), 'examples');
    await expectInputError(trainer.train(two.filter((e) => e.intent === 'greet')), 'examples');
    await expectInputError(trainer.train([...two, { text: '', intent: 'greet' }]), 'examples[2].text');
    await expectInputError(trainer.train([...two, { text: '   ', intent: 'greet' }]), 'examples[2].text');
    await expectInputError(trainer.train([...two, { text: '?!', intent: 'greet' }]), 'examples[2].text');
    await expectInputError(trainer.train([...two, { text: 'hi', intent: '' }]), 'examples[2].intent');
    const notText = { text: 42, intent: 'greet' } as unknown as TrainingExample;
    await expectInputError(trainer.train([...two, notText]), 'examples[2].text');
    await expect(trainer.train([two[0]!])).rejects.toThrow(/at least 2 distinct intents/);
  });

  it('rejects bad options with a ConfigError naming the option', () => {
    expect(() => createLinearIntentTrainer({ oosThreshold: 1.5 })).toThrow(/oosThreshold/);
    expect(() => createLinearIntentTrainer({ epochs: 0 })).toThrow(/epochs/);
    expect(() => createLinearIntentTrainer({ learningRate: -1 })).toThrow(/learningRate/);
    expect(() => createLinearIntentTrainer({ wordBlockWeight: 1 })).toThrow(/wordBlockWeight/);
    expect(() => createLinearIntentTrainer({ temperature: 0 })).toThrow(/temperature/);
    expect(() => createLinearIntentTrainer({ holdoutFraction: 0.9 })).toThrow(/holdoutFraction/);
    const notStrings = [42] as unknown as string[];
    expect(() => createLinearIntentTrainer({ backgroundUtterances: notStrings })).toThrow(
      /backgroundUtterances/,
    );
  });

  it('calibrates confidences with a temperature fitted on held-out examples', async () => {
    const auto = (await classifierPromise).serialize() as { temperature: number };
    expect(auto.temperature).not.toBe(1);
    const fixed = await createLinearIntentTrainer({ temperature: 1 }).train(toyExamples);
    expect((fixed.serialize() as { temperature: number }).temperature).toBe(1);
    const hot = await createLinearIntentTrainer({ temperature: 3 }).train(toyExamples);
    const text = 'i would like my money back';
    expect(hot.classify(text).ranking[0]!.intent).toBe(fixed.classify(text).ranking[0]!.intent);
    expect(hot.classify(text).confidence).toBeLessThan(fixed.classify(text).confidence);
  });

  it('learns from background utterances to be unsure of off-topic requests', async () => {
    const without = await createLinearIntentTrainer({
      backgroundUtterances: [],
      backgroundTopics: null,
      temperature: 1,
    }).train(toyExamples);
    const withBackground = await createLinearIntentTrainer({ backgroundTopics: null, temperature: 1 }).train(
      toyExamples,
    );
    const offTopic = [
      'write a funny poem about the sea',
      'tell me a joke',
      'what is 12 times 12',
      'give me a fun fact',
    ];
    const mean = (c: IntentClassifier) =>
      offTopic.reduce((sum, text) => sum + c.classify(text).confidence, 0) / offTopic.length;
    expect(mean(withBackground)).toBeLessThan(mean(without) - 0.05);
    for (const [text, intent] of toyParaphrases) expect(withBackground.classify(text).intent).toBe(intent);
    expect(withBackground.intents).toEqual(toyIntents);
  });

  it('rejects a non-string utterance', async () => {
    const classifier = await classifierPromise;
    expect(() => classifier.classify(undefined as unknown as string)).toThrow(/text: must be a string/);
  });
});
