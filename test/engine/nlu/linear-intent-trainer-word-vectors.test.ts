import { describe, expect, it } from 'vitest';
import { createLinearIntentTrainer, type TrainingExample } from '../../../engine/nlu/index.ts';
import { trainingHash } from '../../../engine/nlu/training-hash.ts';
import { linearTrainerRevision } from '../../../engine/nlu/linear-intent-trainer.ts';
import { decodeWordVectors, encodeWordVectors } from '../../../engine/nlu/word-vectors.ts';

const examples: TrainingExample[] = [
  ...['is it going to rain today', 'what is the forecast for tomorrow', 'will it be sunny this weekend', 'how cold will it get tonight', 'do I need an umbrella'].map((text) => ({ text, intent: 'weather' })),
  ...['play a song', 'put on some music', 'play my playlist', 'I want to hear something by the beatles', 'turn the volume up'].map((text) => ({ text, intent: 'music' })),
  ...['book a table for two', 'reserve a restaurant for tonight', 'I need a dinner reservation', 'get me a table at an italian place', 'can you book lunch for friday'].map((text) => ({ text, intent: 'restaurant' })),
];
/** Each names its intent only through a word no example has ("techno", "jazz", "sushi", "blizzard"). */
const unseenWords: Array<[string, string]> = [
  ['tonight some techno', 'music'],
  ['get me some jazz', 'music'],
  ['get me sushi', 'restaurant'],
  ['is a blizzard coming', 'weather'],
];
const options = { backgroundUtterances: [], backgroundTopics: null };
const withVectors = createLinearIntentTrainer(options);
const withoutVectors = createLinearIntentTrainer({ ...options, wordVectors: null });

describe('the linear classifier with word vectors', () => {
  it('reads a word it never saw through the seen words its vector is close to', async () => {
    const [a, b] = await Promise.all([withVectors.train(examples), withoutVectors.train(examples)]);
    expect(a.classify('tonight some techno').ranking[0]!.intent).toBe('music');
    expect(b.classify('tonight some techno').ranking[0]!.intent).toBe('weather');
    const probabilityOfRight = (classifier: typeof a, [text, intent]: [string, string]): number =>
      classifier.classify(text).ranking.find((score) => score.intent === intent)!.confidence;
    for (const query of unseenWords) {
      expect(a.classify(query[0]).ranking[0]!.intent).toBe(query[1]);
      expect(probabilityOfRight(a, query)).toBeGreaterThan(probabilityOfRight(b, query));
    }
  });

  it('stores which vectors it read, and loads only where the same vectors are at hand', async () => {
    const classifier = await withVectors.train(examples);
    const serialized = classifier.serialize() as {
      version: number;
      vocabulary: string[];
      weights: string;
      wordVectors: unknown;
    };
    expect(serialized.version).toBe(5);
    expect(serialized.wordVectors).toEqual({ name: 'glove-6b-100d-200000', dimensions: 100, weight: 0.7 });
    expect(Buffer.from(serialized.weights, 'base64').length).toBe((serialized.vocabulary.length + 100) * 3);
    const restored = withVectors.load(JSON.parse(JSON.stringify(serialized)));
    for (const [text] of unseenWords) expect(restored.classify(text)).toEqual(classifier.classify(text));
    expect(() => withoutVectors.load(serialized)).toThrow(
      /trained with word vectors "glove-6b-100d-200000" \(100 dimensions\).*this one has none/,
    );
    const toy = decodeWordVectors(
      encodeWordVectors({ name: 'toy', source: '', dimensions: 2, words: ['a', 'b'], vectors: Float32Array.of(1, 0, 0, 1) }),
    );
    expect(() => createLinearIntentTrainer({ wordVectors: toy }).load(serialized)).toThrow(/this one has "toy"/);
  });

  it('still loads models saved before word vectors (format 3) and before off-topic words (format 4)', async () => {
    // Formats 3 and 4 read familiarity the one way there was: every seen word counts, to the power 1.
    const classifier = await createLinearIntentTrainer({ ...options, wordVectors: null, familiarityExponent: 1 }).train(examples);
    const { wordVectors, offTopicWords, unseenWordWeight, familiarityExponent, ...rest } = classifier.serialize() as Record<string, unknown>;
    expect([wordVectors, offTopicWords, unseenWordWeight, familiarityExponent]).toEqual([null, [], 1, 1]);
    const queries = [...unseenWords.map(([text]) => text), 'will it rain on the restaurant terrace tonight xyzzy'];
    for (const version of [3, 4]) {
      const restored = withVectors.load({ ...rest, version, ...(version === 4 ? { wordVectors } : {}) });
      for (const text of queries) expect(restored.classify(text)).toEqual(classifier.classify(text));
    }
  });

  it('keys the model cache by the vectors it uses, and refuses bad vector options', () => {
    expect(JSON.stringify(withVectors.settings)).toContain('"wordVectors":{"name":"glove-6b-100d-200000"');
    expect(trainingHash(examples, { settings: withVectors.settings })).not.toBe(
      trainingHash(examples, { settings: withoutVectors.settings }),
    );
    expect(() => createLinearIntentTrainer({ wordVectorWeight: 0 })).toThrow(/wordVectorWeight/);
    const notVectors = 'glove' as unknown as null;
    expect(() => createLinearIntentTrainer({ wordVectors: notVectors })).toThrow(/wordVectors/);
  });
});

describe('the linear trainer settings', () => {
  it('carry the training-code revision, so a model cached by older code is not reused', () => {
    expect(withVectors.settings['trainerRevision']).toBe(linearTrainerRevision);
    const older = { ...withVectors.settings, trainerRevision: linearTrainerRevision - 1 };
    expect(trainingHash(examples, { settings: withVectors.settings })).not.toBe(trainingHash(examples, { settings: older }));
  });
});
