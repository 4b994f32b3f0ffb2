import { describe, expect, it } from 'vitest';
import { chooseOutOfScopeThreshold, type ThresholdSample } from '../../../engine/nlu/choose-out-of-scope-threshold.ts';

const inScope = (score: number, correct = true): ThresholdSample => ({ score, outOfScope: false, correct });
const outOfScope = (score: number): ThresholdSample => ({ score, outOfScope: true, correct: false });

describe('chooseOutOfScopeThreshold', () => {
  const samples = [
    inScope(0.95),
    inScope(0.9),
    inScope(0.6, false),
    inScope(0.5),
    inScope(0.3),
    outOfScope(0.1),
    outOfScope(0.2),
    outOfScope(0.4),
    outOfScope(0.7),
  ];

  it('picks the lowest threshold that rejects the required share of out-of-scope samples', () => {
    const choice = chooseOutOfScopeThreshold(samples, { minRecall: 0.5 });
    // Must reject 0.1 and 0.2; halfway between 0.2 and the next score (0.3).
    expect(choice.threshold).toBeCloseTo(0.25, 10);
    expect(choice.outOfScopeRecall).toBe(0.5);
    expect(choice.inScopeAccuracy).toBe(4 / 5);
  });

  it('trades in-scope accuracy for recall as the target rises', () => {
    const choice = chooseOutOfScopeThreshold(samples, { minRecall: 0.75 });
    expect(choice.threshold).toBeCloseTo(0.45, 10);
    expect(choice.outOfScopeRecall).toBe(0.75);
    expect(choice.inScopeAccuracy).toBe(3 / 5);
    expect(chooseOutOfScopeThreshold(samples, { minRecall: 1 }).inScopeAccuracy).toBe(2 / 5);
  });

  it('rejects nothing when no recall is asked for', () => {
    const choice = chooseOutOfScopeThreshold(samples, { minRecall: 0 });
    expect(choice.outOfScopeRecall).toBe(0);
    expect(choice.inScopeAccuracy).toBe(4 / 5);
  });

  it('defaults to 60% recall and needs both kinds of samples', () => {
    expect(chooseOutOfScopeThreshold(samples).outOfScopeRecall).toBeGreaterThanOrEqual(0.6);
    expect(() => chooseOutOfScopeThreshold([inScope(0.5)])).toThrow(/samples/);
    expect(() => chooseOutOfScopeThreshold(samples, { minRecall: 2 })).toThrow(/minRecall/);
  });
});
