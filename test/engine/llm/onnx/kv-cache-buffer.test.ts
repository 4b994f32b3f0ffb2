import { fileURLToPath } from 'node:url';
import { Tensor } from 'onnxruntime-common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KvCacheBuffer } from '../../../../engine/llm/onnx/kv-cache-buffer.ts';
import { KvCacheDecoder } from '../../../../engine/llm/onnx/kv-cache-decoder.ts';
import { OnnxGenerator } from '../../../../engine/llm/onnx/onnx-generator.ts';
import { tinyLlamaDir } from './tiny-llama.ts';

const starterDir = fileURLToPath(new URL('../../../../models/starter', import.meta.url));

/** [1, heads, n, size] with element (h, p, i) = base + 100 * h + 10 * p + i. */
function positions(heads: number, n: number, size: number, base: number): Float32Array {
  const data = new Float32Array(heads * n * size);
  for (let h = 0; h < heads; h++) for (let p = 0; p < n; p++) for (let i = 0; i < size; i++) data[(h * n + p) * size + i] = base + 100 * h + 10 * p + i;
  return data;
}

describe('KvCacheBuffer', () => {
  test('appended steps read back as the concatenation along the positions, per head, past its first capacity', () => {
    const buffer = new KvCacheBuffer('float32', 2, 3, 1);
    expect(buffer.tensor().dims).toEqual([1, 2, 0, 3]);
    buffer.append(new Tensor('float32', positions(2, 2, 3, 0), [1, 2, 2, 3]));
    buffer.append(new Tensor('float32', positions(2, 1, 3, 1000), [1, 2, 1, 3]));
    buffer.append(new Tensor('float32', positions(2, 3, 3, 2000), [1, 2, 3, 3]));
    const t = buffer.tensor();
    expect(t.dims).toEqual([1, 2, 6, 3]);
    const steps = [positions(2, 2, 3, 0), positions(2, 1, 3, 1000), positions(2, 3, 3, 2000)];
    const expected: number[] = [];
    for (let h = 0; h < 2; h++) {
      for (const step of steps) {
        const n = step.length / 6;
        expected.push(...step.subarray(h * n * 3, (h + 1) * n * 3));
      }
    }
    expect(Array.from(t.data as Float32Array)).toEqual(expected);
  });

  test('refuses a step of another shape or type', () => {
    const buffer = new KvCacheBuffer('float32', 2, 3);
    expect(() => buffer.append(new Tensor('float32', new Float32Array(3), [1, 1, 1, 3]))).toThrow(/must be float32 \[1, 2, n, 3\], got float32 \[1, 1, 1, 3\]/);
    expect(() => buffer.append(new Tensor('float16', new Uint16Array(6), [1, 2, 1, 3]))).toThrow(/got float16/);
    expect(buffer.tensor().dims).toEqual([1, 2, 0, 3]);
  });

  test('float16 caches stay 16-bit', () => {
    const buffer = new KvCacheBuffer('float16', 1, 2);
    buffer.append(new Tensor('float16', Uint16Array.from([1, 2]), [1, 1, 1, 2]));
    buffer.append(new Tensor('float16', Uint16Array.from([3, 4]), [1, 1, 1, 2]));
    const t = buffer.tensor();
    expect(t.type).toBe('float16');
    expect(Array.from(t.data as Uint16Array)).toEqual([1, 2, 3, 4]);
  });
});

describe('KvCacheDecoder on a graph with new_key_values outputs', () => {
  let generator: OnnxGenerator;
  beforeAll(async () => {
    generator = await OnnxGenerator.load({ modelDir: starterDir, device: 'cpu', autoDevices: [], intraOpThreads: 1 });
  });
  afterAll(() => generator.model.session.release());

  test('the starter graph offers the added positions, the older fixture graph does not', async () => {
    expect(generator.model.layout.entries.every((e) => e.appended === `new_key_values.${e.input.split('.')[1]}.${e.input.split('.')[2]}`)).toBe(true);
    const fixture = await OnnxGenerator.load({ modelDir: tinyLlamaDir, device: 'cpu', autoDevices: [], intraOpThreads: 1 });
    try {
      expect(fixture.model.layout.entries.some((e) => e.appended !== undefined)).toBe(false);
    } finally {
      await fixture.model.session.release();
    }
  });

  test('growing the cache from the added positions gives exactly the logits of feeding back present.*', async () => {
    const { session, layout } = generator.model;
    const fetched: string[][] = [];
    const recording = new Proxy(session, {
      get: (target, key) =>
        key === 'run'
          ? (feeds: Parameters<typeof session.run>[0], fetches: readonly string[]) => {
              fetched.push([...fetches]);
              return target.run(feeds, fetches);
            }
          : Reflect.get(target, key),
    });
    const appending = new KvCacheDecoder(recording, layout);
    const replacing = new KvCacheDecoder(session, { ...layout, entries: layout.entries.map(({ input, output }) => ({ input, output })) });
    const prompt = generator.promptIds({ messages: [{ role: 'user', content: 'where is order 40211' }] });
    let a = await appending.next(prompt);
    let b = await replacing.next(prompt);
    expect(a).toEqual(b);
    for (let step = 0; step < 12; step++) {
      const next = a.indexOf(Math.max(...a));
      a = await appending.next([next]);
      b = await replacing.next([next]);
      expect(a).toEqual(b);
    }
    expect(appending.length).toBe(prompt.length + 12);
    expect(fetched).toHaveLength(13);
    for (const names of fetched) expect(names).toEqual(['logits', ...layout.entries.map((e) => e.appended)]);
  });
});
