import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BackgroundTopics, backgroundTopicsFormat, parseBackgroundTopics } from '../../../engine/nlu/background-topics.ts';
import { coveredClincIntents, selectBackgroundTopics } from '../../../engine/nlu/build-background-topics.ts';
import { createLinearIntentTrainer, type IntentClassifier } from '../../../engine/nlu/index.ts';
import { trainingHash } from '../../../engine/nlu/training-hash.ts';
import { builtinBackgroundTopics, loadBackgroundTopics } from '../../../engine/nlu/load-background-topics.ts';
import { toyExamples, toyParaphrases } from './toy-intents.ts';

/** Requests a shop bot is not for, in everyday words (not the shipped background's own lines). */
const offTopic = [
  "what's the weather like tomorrow",
  'set an alarm for seven',
  'tell me a joke',
  'how many calories are in an apple',
  'translate good morning into french',
  'is my credit score any good',
  'book a flight to paris',
  'where is the nearest gas station',
  'remind me to call mom',
];

const topics = (byTopic: Record<string, string[]>): BackgroundTopics => ({
  format: backgroundTopicsFormat,
  version: 1,
  name: 'test',
  source: 'written for this test',
  topics: byTopic,
});

/** Words of a trained model that count against an utterance (seen only in background utterances). */
function offTopicWords(classifier: IntentClassifier): string[] {
  const s = classifier.serialize() as { vocabulary: string[]; offTopicWords: number[] };
  return s.offTopicWords.map((i) => s.vocabulary[i]!.slice(2));
}

describe('the shipped background topics', () => {
  it('hold 20 utterances of each CLINC150 topic except those every parley bot handles', () => {
    const builtin = builtinBackgroundTopics();
    expect(builtin.name).toBe('clinc150-train-20');
    expect(builtin.source).toMatch(/CC BY 3\.0/);
    const names = Object.keys(builtin.topics);
    expect(names).toHaveLength(142);
    expect(names).toContain('oos');
    for (const covered of coveredClincIntents) expect(names).not.toContain(covered);
    for (const texts of Object.values(builtin.topics)) expect(texts).toHaveLength(20);
  });

  it('are built from the first utterances of each label', () => {
    const rows = [
      { text: 'a1', intent: 'a' },
      { text: 'hi', intent: 'greeting' },
      { text: 'a2', intent: 'a' },
      { text: 'b1', intent: 'b' },
      { text: 'a3', intent: 'a' },
    ];
    expect(selectBackgroundTopics(rows, 2)).toEqual({ a: ['a1', 'a2'], b: ['b1'] });
  });

  it('reject a file that is not a background-topics file with a message naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-topics-'));
    expect(() => loadBackgroundTopics(join(dir, 'missing.json'))).toThrow(/backgroundTopics.*missing\.json/);
    writeFileSync(join(dir, 'bad.json'), '{"format": "parley-background-topics"');
    expect(() => loadBackgroundTopics(join(dir, 'bad.json'))).toThrow(/bad\.json/);
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ ...topics({}), version: 2 }));
    expect(() => loadBackgroundTopics(join(dir, 'old.json'))).toThrow(/version 1, got "parley-background-topics" version 2/);
    expect(() => parseBackgroundTopics({ ...topics({}), topics: { a: ['ok', 3] } })).toThrow(/topics\.a must be an array of strings/);
    expect(() => parseBackgroundTopics({ ...topics({}), name: '' })).toThrow(/name/);
    expect(parseBackgroundTopics(topics({ a: ['x'] })).topics).toEqual({ a: ['x'] });
  });
});

describe('the linear trainer with background topics', () => {
  it('leaves out a topic the bot handles and learns the words of the others as off-topic', async () => {
    const custom = topics({
      parcels: [
        'where is my consignment',
        'where is my package right now',
        'track my consignment please',
        'has my order shipped',
        'when does my parcel arrive',
      ],
      space: ['what is a nebula', 'how far away is the nearest galaxy', 'what is a quasar', 'how big is a nebula', 'is pluto a planet'],
    });
    const classifier = await createLinearIntentTrainer({ backgroundTopics: custom }).train(toyExamples);
    const words = offTopicWords(classifier);
    expect(words).toEqual(expect.arrayContaining(['nebula', 'quasar', 'galaxy', 'pluto']));
    const vocabulary = (classifier.serialize() as { vocabulary: string[] }).vocabulary;
    expect(vocabulary).not.toContain('w:consignment');
    // Out of scope for reading like the background (offTopic), or for words never seen (not offTopic).
    expect(classifier.classify('how big is a quasar')).toMatchObject({ intent: null, outOfScope: true, offTopic: true });
    expect(classifier.classify('zorblax quuxly')).toMatchObject({ intent: null, outOfScope: true, offTopic: false });
    expect(classifier.classify('where is my order 12345')).toMatchObject({ intent: 'order_status', offTopic: false });
    const everyTopic = await createLinearIntentTrainer({ backgroundTopics: custom, coveredTopicShare: 1 }).train(toyExamples);
    expect(offTopicWords(everyTopic)).toContain('consignment');
  });

  it('turns away more off-topic requests with the shipped topics, and still understands paraphrases', async () => {
    const [plain, withTopics] = await Promise.all([
      createLinearIntentTrainer({ backgroundTopics: null }).train(toyExamples),
      createLinearIntentTrainer().train(toyExamples),
    ]);
    const mean = (c: IntentClassifier) => offTopic.reduce((sum, text) => sum + c.classify(text).confidence, 0) / offTopic.length;
    expect(mean(withTopics)).toBeLessThan(mean(plain) - 0.05);
    for (const text of offTopic) expect(withTopics.classify(text).intent).toBeNull();
    for (const [text, intent] of toyParaphrases) expect(withTopics.classify(text).intent).toBe(intent);
    // With topics, a word never seen does not count against an utterance; without, it does.
    const unseen = 'where is my order, zorblax';
    expect(withTopics.classify(unseen).confidence).toBeGreaterThan(plain.classify(unseen).confidence);
    expect((withTopics.serialize() as { unseenWordWeight: number }).unseenWordWeight).toBe(0);
    expect((plain.serialize() as { unseenWordWeight: number }).unseenWordWeight).toBe(1);
  });

  it('does not drown a small bot in topic utterances', async () => {
    const small = Object.entries({
      order_pizza: ['I want to order a pizza', 'order a pizza', 'pizza please', 'I would like a margherita', 'one pepperoni pizza'],
      opening_hours: ['when are you open', 'opening hours', 'are you open tonight', 'what time do you close'],
      delivery: ['do you deliver', 'delivery to my address', 'how long does delivery take', 'can you deliver to downtown'],
      greet: ['hi', 'hello', 'hey there', 'good evening'],
      goodbye: ['bye', 'goodbye', 'see you', 'thanks, bye'],
    }).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })));
    const paraphrases: Array<[text: string, intent: string]> = [
      ['can I get a large pepperoni', 'order_pizza'],
      ['what are your hours today', 'opening_hours'],
      ['how much is delivery', 'delivery'],
      ['ok see you later', 'goodbye'],
      ['I want a vegetarian one', 'order_pizza'],
      ['hello there friend', 'greet'],
    ];
    const [capped, flooded] = await Promise.all([
      createLinearIntentTrainer().train(small),
      createLinearIntentTrainer({ backgroundPerExample: 1000 }).train(small),
    ]);
    const understood = (c: IntentClassifier) => paraphrases.filter(([text, intent]) => c.classify(text).intent === intent).length;
    expect(understood(capped)).toBeGreaterThan(understood(flooded) + 1);
    for (const text of offTopic) expect(capped.classify(text).intent).toBeNull();
    expect(() => createLinearIntentTrainer({ backgroundPerExample: 0 })).toThrow(/backgroundPerExample/);
  });

  it('keys the model cache by the topics, and rejects bad topic options', () => {
    const hashOf = (trainer: ReturnType<typeof createLinearIntentTrainer>) => trainingHash(toyExamples, { settings: trainer.settings });
    const builtin = hashOf(createLinearIntentTrainer());
    expect(hashOf(createLinearIntentTrainer({ backgroundTopics: null }))).not.toBe(builtin);
    expect(hashOf(createLinearIntentTrainer({ backgroundTopics: topics({ a: ['what is a nebula'] }) }))).not.toBe(builtin);
    expect(hashOf(createLinearIntentTrainer({ coveredTopicShare: 0.5 }))).not.toBe(builtin);
    const notTopics = 'clinc' as unknown as null;
    expect(() => createLinearIntentTrainer({ backgroundTopics: notTopics })).toThrow(/backgroundTopics/);
    expect(() => createLinearIntentTrainer({ coveredTopicShare: 0 })).toThrow(/coveredTopicShare/);
    expect(() => createLinearIntentTrainer({ unseenWordWeight: 2 })).toThrow(/unseenWordWeight/);
    expect(() => createLinearIntentTrainer({ familiarityExponent: 0 })).toThrow(/familiarityExponent/);
  });

  it('refuses a saved model whose off-topic words are not words of its vocabulary', async () => {
    const trainer = createLinearIntentTrainer();
    const serialized = (await trainer.train(toyExamples)).serialize() as Record<string, unknown> & { vocabulary: string[] };
    const charNgram = serialized.vocabulary.findIndex((key) => !key.startsWith('w:'));
    expect(() => trainer.load({ ...serialized, offTopicWords: [charNgram] })).toThrow(/serialized\.offTopicWords/);
    expect(() => trainer.load({ ...serialized, familiarityExponent: 2 })).toThrow(/serialized\.familiarityExponent/);
    expect(() => trainer.load({ ...serialized, unseenWordWeight: -1 })).toThrow(/serialized\.unseenWordWeight/);
  });
});
