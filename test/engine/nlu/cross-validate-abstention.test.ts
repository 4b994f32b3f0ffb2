import { describe, expect, it } from 'vitest';
import { chooseBalancedThreshold } from '../../../engine/nlu/cross-validate-abstention.ts';
import { createLinearIntentTrainer, type TrainingExample } from '../../../engine/nlu/index.ts';
import { pizzaExamples } from '../../../examples/pizza/pizza-examples.ts';

const bounds = { minThreshold: 0.25, maxThreshold: 0.5 };
const inScope = (score: number, correct = true) => ({ score, kind: 'in-scope' as const, correct });
const topic = (score: number) => ({ score, kind: 'topic' as const, correct: false });
const otherIntent = (score: number) => ({ score, kind: 'intent' as const, correct: false });

describe('chooseBalancedThreshold', () => {
  it('puts the threshold between what the bot understands and what it should turn away', () => {
    const choice = chooseBalancedThreshold([inScope(0.35), inScope(0.42), inScope(0.9), topic(0.1), topic(0.2), otherIntent(0.3)], bounds);
    expect(choice.threshold).toBeGreaterThan(0.3);
    expect(choice.threshold).toBeLessThan(0.35);
    expect(choice).toMatchObject({ accepted: 1, rejected: 1, topicRejection: 1, intentRejection: 1 });
  });

  it('counts an in-scope utterance with the wrong intent as not accepted, and keeps to the bounds', () => {
    const low = chooseBalancedThreshold([inScope(0.3), inScope(0.9, false), topic(0.05)], bounds);
    expect(low.threshold).toBe(0.25);
    expect(low.accepted).toBe(0.5);
    const high = chooseBalancedThreshold([inScope(0.95), topic(0.49), otherIntent(0.49)], bounds);
    expect(high.threshold).toBe(0.5);
    expect(high.rejected).toBe(1);
  });
});

/** A small bot: the pizza shop's four intents with ten examples each. */
const smallBot: TrainingExample[] = Object.entries(pizzaExamples).flatMap(([intent, texts]) => texts.slice(0, 10).map((text) => ({ text, intent })));

describe("oosThreshold: 'auto'", () => {
  it('chooses a small bot its own threshold by cross-validation, reports it, and keeps it through a reload', async () => {
    const trainer = createLinearIntentTrainer({ oosThreshold: 'auto' });
    const classifier = await trainer.train(smallBot);
    const a = classifier.abstention;
    expect(a).toBeDefined();
    expect(a!.threshold).toBeGreaterThanOrEqual(0.25);
    expect(a!.threshold).toBeLessThanOrEqual(0.5);
    expect(a!.inScopeN).toBe(smallBot.length);
    expect(a!.offTopicN).toBeGreaterThan(0);
    for (const rate of [a!.inScopeAcceptance, a!.offTopicRejection, a!.topicRejection, a!.unknownIntentRejection]) {
      expect(rate).toBeGreaterThanOrEqual(0);
      expect(rate).toBeLessThanOrEqual(1);
    }
    const reloaded = trainer.load(JSON.parse(JSON.stringify(classifier.serialize())));
    expect(reloaded.abstention).toEqual(a);
    // What the threshold decides: an utterance between it and the old fixed 0.5 is understood only with the chosen one.
    const fixed = await createLinearIntentTrainer().train(smallBot);
    expect(fixed.abstention).toBeUndefined();
    for (const text of ['could you bring a pizza over', 'write me a poem about the sea', 'do the margheritas have gluten']) {
      const p = reloaded.classify(text);
      expect(p.outOfScope).toBe(p.confidence < a!.threshold);
      expect(fixed.classify(text).outOfScope).toBe(fixed.classify(text).confidence < 0.5);
    }
  }, 120_000);

  it('keeps the fixed threshold for a bot above abstentionMaxExamples, and refuses bad settings', async () => {
    const classifier = await createLinearIntentTrainer({ oosThreshold: 'auto', abstentionMaxExamples: smallBot.length - 1 }).train(smallBot);
    expect(classifier.abstention).toBeUndefined();
    expect(() => createLinearIntentTrainer({ abstentionFolds: 1 })).toThrow(/abstentionFolds/);
    expect(() => createLinearIntentTrainer({ oosThreshold: 2 })).toThrow(/oosThreshold/);
  }, 120_000);
});
