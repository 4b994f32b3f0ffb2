import { describe, expect, it } from 'vitest';
import { dequantizeRows, quantizeRows } from '../../../engine/nlu/quantize-rows.ts';

describe('quantizeRows', () => {
  const values = Float32Array.of(1, -0.5, 0.25, 0, 0, 0, 100, 3, -7);

  it('keeps every value within half a step of its row, with a scale per row', () => {
    const quantized = quantizeRows(values, 3);
    expect(Array.from(quantized.scales)).toEqual([Math.fround(1 / 127), 0, Math.fround(100 / 127)]);
    expect(Array.from(quantized.codes.slice(0, 3))).toEqual([127, -64, 32]);
    const restored = dequantizeRows(quantized, 3);
    values.forEach((v, i) => {
      const step = quantized.scales[Math.floor(i / 3)]!;
      expect(Math.abs(restored[i]! - v)).toBeLessThanOrEqual(step / 2 + 1e-6);
    });
  });

  it('restores the same floats every time, and re-quantizes them to the same codes', () => {
    const quantized = quantizeRows(values, 3);
    const once = dequantizeRows(quantized, 3);
    expect(dequantizeRows(quantized, 3)).toEqual(once);
    expect(quantizeRows(once, 3).codes).toEqual(quantized.codes);
  });
});
