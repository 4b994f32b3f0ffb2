import { describe, expect, it } from 'vitest';
import { fitTemperature } from '../../../engine/nlu/fit-temperature.ts';
import { meanNegativeLogLikelihood } from '../../../engine/nlu/fit-temperature.ts';
import { createSeededRandom } from '../../../engine/nlu/seeded-random.ts';

/** Logits whose labels are drawn from softmax(logits / trueTemperature). */
function sampleCalibrationSet(trueTemperature: number, n: number) {
  const random = createSeededRandom(3);
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Float64Array.from({ length: 4 }, () => random.next() * 6);
    const p = Array.from(row, (z) => Math.exp(z / trueTemperature));
    const total = p.reduce((a, b) => a + b, 0);
    let u = random.next() * total;
    let label = 0;
    while (label < 3 && u > p[label]!) u -= p[label++]!;
    logits.push(row);
    labels.push(label);
  }
  return { logits, labels };
}

describe('fitTemperature', () => {
  it('recovers the temperature the labels were drawn at', () => {
    for (const trueTemperature of [0.5, 1, 2.5]) {
      const { logits, labels } = sampleCalibrationSet(trueTemperature, 4000);
      expect(fitTemperature(logits, labels)).toBeCloseTo(trueTemperature, 0);
      expect(Math.abs(Math.log(fitTemperature(logits, labels) / trueTemperature))).toBeLessThan(0.15);
    }
  });

  it('minimises the held-out negative log-likelihood', () => {
    const { logits, labels } = sampleCalibrationSet(2, 1000);
    const t = fitTemperature(logits, labels);
    const best = meanNegativeLogLikelihood(logits, labels, t);
    for (const other of [t * 0.8, t * 1.25, 1]) {
      expect(meanNegativeLogLikelihood(logits, labels, other)).toBeGreaterThan(best);
    }
  });

  it('is 1 without data and stays within its bounds', () => {
    expect(fitTemperature([], [])).toBe(1);
    const sure = [Float64Array.of(10, 0), Float64Array.of(0, 10)];
    expect(fitTemperature(sure, [0, 1], { min: 0.5, max: 4 })).toBeGreaterThanOrEqual(0.5);
    expect(fitTemperature(sure, [0, 1], { min: 0.5, max: 4 })).toBeCloseTo(0.5, 2);
  });
});
