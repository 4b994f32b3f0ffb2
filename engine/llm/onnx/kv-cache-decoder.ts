import { type InferenceSession, Tensor } from 'onnxruntime-common';
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
 * a session.
 */
export class KvCacheDecoder {
  #past: Record<string, Tensor> = {};
  #length = 0;

  constructor(
    private readonly session: InferenceSession,
    private readonly layout: KvCacheLayout,
  ) {
    const empty = layout.type === 'float16' ? new Uint16Array(0) : new Float32Array(0);
    for (const { input } of layout.entries) {
      this.#past[input] = new Tensor(layout.type, empty, [1, layout.heads, 0, layout.headSize]);
    }
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
    const out = await this.session.run(feeds);
    for (const { input, output } of this.layout.entries) this.#past[input] = out[output] as Tensor;
    this.#length = total;
    return lastRow(out['logits'] as Tensor);
  }
}
