import { type InferenceSession, Tensor } from 'onnxruntime-common';
import { KvCacheBuffer } from './kv-cache-buffer.ts';
import type { KvCacheLayout } from './kv-cache-layout.ts';

/** A [1, n] int64 tensor of `values`. */
function int64(values: readonly number[]): Tensor {
  return new Tensor(
    'int64',
    BigInt64Array.from(values, (v) => BigInt(v)),
    [1, values.length],
  );
}

/** A [1, n] int64 tensor of ones (the attention mask of one unpadded sequence). */
function ones(length: number): Tensor {
  return new Tensor('int64', new BigInt64Array(length).fill(1n), [1, length]);
}

function halfToFloat(h: number): number {
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** The last position's row of a [1, n, vocab] logits tensor, as float32. */
function lastRow(logits: Tensor): Float32Array {
  const vocab = logits.dims[2] as number;
  const offset = ((logits.dims[1] as number) - 1) * vocab;
  if (logits.type === 'float32') return (logits.data as Float32Array).slice(offset, offset + vocab);
  const half = logits.data as Uint16Array;
  const row = new Float32Array(vocab);
  for (let i = 0; i < vocab; i++) row[i] = halfToFloat(half[offset + i] as number);
  return row;
}

/**
 * One sequence's decoding state on a decoder session: feeds new tokens with the cached keys and values
 * of the ones before and returns the next token's logits. One instance per generation; several may share
 * a session. When the graph outputs the added positions alone (`new_key_values.*`), only those and the
 * logits are fetched and the cache grows in JavaScript; otherwise each step's `present.*` replace it.
 */
export class KvCacheDecoder {
  #past: Record<string, Tensor> = {};
  #buffers: Map<string, KvCacheBuffer> | undefined;
  #fetches: string[];
  #length = 0;

  constructor(
    private readonly session: InferenceSession,
    private readonly layout: KvCacheLayout,
  ) {
    const empty = layout.type === 'float16' ? new Uint16Array(0) : new Float32Array(0);
    for (const { input } of layout.entries) {
      this.#past[input] = new Tensor(layout.type, empty, [1, layout.heads, 0, layout.headSize]);
    }
    const appends = layout.entries.every((entry) => entry.appended !== undefined);
    if (appends) {
      this.#buffers = new Map(layout.entries.map(({ input }) => [input, new KvCacheBuffer(layout.type, layout.heads, layout.headSize)]));
    }
    this.#fetches = ['logits', ...layout.entries.map((entry) => (appends ? entry.appended! : entry.output))];
  }

  /** Tokens seen so far. */
  get length(): number {
    return this.#length;
  }

  /** Feeds `ids` (at least one) and returns the logits of the token after them. */
  async next(ids: readonly number[]): Promise<Float32Array> {
    const total = this.#length + ids.length;
    const feeds: Record<string, Tensor> = {
      ...this.#past,
      input_ids: int64(ids),
      attention_mask: ones(total),
    };
    if (this.layout.positionIds) feeds['position_ids'] = int64(ids.map((_, i) => this.#length + i));
    const out = await this.session.run(feeds, this.#fetches);
    for (const { input, output, appended } of this.layout.entries) {
      const buffer = this.#buffers?.get(input);
      if (buffer) {
        buffer.append(out[appended!] as Tensor);
        this.#past[input] = buffer.tensor();
      } else {
        this.#past[input] = out[output] as Tensor;
      }
    }
    this.#length = total;
    return lastRow(out['logits'] as Tensor);
  }
}
