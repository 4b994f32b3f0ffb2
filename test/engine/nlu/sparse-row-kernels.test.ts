import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../engine/nlu/seeded-random.ts';
import { createJavaScriptKernels, createSparseRowKernels } from '../../../engine/nlu/sparse-row-kernels.ts';

describe('sparse row kernels', () => {
  it('run as WebAssembly SIMD and compute what the JavaScript loops compute', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const simd = createSparseRowKernels(memory);
    expect(String(simd.accumulate)).toContain('[native code]');
    const reference = createJavaScriptKernels(memory);
    const floats = new Float32Array(memory.buffer);
    const ints = new Int32Array(memory.buffer);
    const random = createSeededRandom(3);
    const stride = 12;
    const rows = 50;
    const [indices, values, outA, outB, gradient] = [8192, 8448, 8704, 8960, 9216];
    for (let j = 0; j < rows * stride; j++) floats[j] = random.next() * 2 - 1;
    const picked = [3, 17, 4, 49, 0];
    picked.forEach((row, k) => {
      ints[indices / 4 + k] = row;
      floats[values / 4 + k] = random.next() - 0.5;
    });
    simd.accumulate(indices, values, picked.length, 0, stride, outA, 1.5);
    reference.accumulate(indices, values, picked.length, 0, stride, outB, 1.5);
    const out = (at: number) => Array.from(floats.subarray(at / 4, at / 4 + stride));
    expect(out(outA)).toEqual(out(outB).map((v) => expect.closeTo(v, 5)));
    expect(out(outA).some((v) => v !== 0)).toBe(true);

    for (let c = 0; c < stride; c++) floats[gradient / 4 + c] = random.next() - 0.5;
    const before = floats.slice(0, rows * stride);
    simd.update(indices, values, picked.length, 0, stride, gradient, 0.25);
    const afterSimd = floats.slice(0, rows * stride);
    floats.set(before);
    reference.update(indices, values, picked.length, 0, stride, gradient, 0.25);
    expect(Array.from(afterSimd)).toEqual(Array.from(floats.subarray(0, rows * stride)).map((v) => expect.closeTo(v, 5)));
    expect(afterSimd[3 * stride]).not.toBe(before[3 * stride]);
    expect(afterSimd[5 * stride]).toBe(before[5 * stride]);
  });
});
