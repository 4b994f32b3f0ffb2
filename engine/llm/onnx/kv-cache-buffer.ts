import { Tensor } from 'onnxruntime-common';

type CacheArray = Float32Array | Uint16Array;

/**
 * One KV-cache tensor ([1, heads, length, headSize]) grown in JavaScript from the keys or values of the
 * tokens each step adds. It writes into one of two reused arrays in turn, so a step allocates nothing;
 * onnxruntime-web's copying of every full `present.*` output out of WebAssembly memory, which this
 * replaces, took most of a decoding step in Chromium.
 */
export class KvCacheBuffer {
  #arrays: [CacheArray, CacheArray];
  #current = 0;
  #length = 0;

  constructor(
    private readonly type: 'float32' | 'float16',
    private readonly heads: number,
    private readonly headSize: number,
    capacity = 256,
  ) {
    this.#arrays = [this.#allocate(capacity), this.#allocate(capacity)];
  }

  /** The cache so far, [1, heads, length, headSize]; the empty cache before the first append. */
  tensor(): Tensor {
    const size = this.heads * this.#length * this.headSize;
    return new Tensor(this.type, this.#arrays[this.#current]!.subarray(0, size), [1, this.heads, this.#length, this.headSize]);
  }

  /** Appends `added` ([1, heads, n, headSize]: the step's new positions) after the cached ones. */
  append(added: Tensor): void {
    const [batch, heads, n, size] = added.dims as number[];
    if (batch !== 1 || heads !== this.heads || size !== this.headSize || added.type !== this.type || n === undefined) {
      throw new RangeError(`a KV cache step must be ${this.type} [1, ${this.heads}, n, ${this.headSize}], got ${added.type} [${added.dims.join(', ')}]`);
    }
    const rows = this.headSize;
    const from = this.#arrays[this.#current]!;
    const total = this.#length + n;
    let to = this.#arrays[1 - this.#current]!;
    if (to.length < this.heads * total * rows) {
      to = this.#allocate(Math.max(total, 2 * (to.length / (this.heads * rows))));
      this.#arrays[1 - this.#current] = to;
    }
    const data = added.data as CacheArray;
    for (let h = 0; h < this.heads; h++) {
      to.set(from.subarray(h * this.#length * rows, (h + 1) * this.#length * rows), h * total * rows);
      to.set(data.subarray(h * n * rows, (h + 1) * n * rows), (h * total + this.#length) * rows);
    }
    this.#current = 1 - this.#current;
    this.#length = total;
  }

  #allocate(positions: number): CacheArray {
    const size = this.heads * positions * this.headSize;
    return this.type === 'float16' ? new Uint16Array(size) : new Float32Array(size);
  }
}
