import type { MaskRecipe } from './compute-mask.ts';

/** Dense masks are allocated this many at a time. */
const slabSlots = 16;
/** Bytes a cached id costs in a JS array, roughly; a recipe is kept while it is smaller than a dense copy. */
const bytesPerId = 8;

/**
 * A least-recently-used cache of masks by key. Most masks are kept as their small recipes (the ids
 * allowed, on top of the string-safe set inside strings); the rare wide ones (a pattern that admits most
 * tokens) as dense copies in preallocated slabs, since allocating a vocabulary-sized buffer costs more
 * than computing most masks. Half of `capacityBytes` goes to each kind.
 */
export class MaskCache {
  readonly #recipes = new Map<string, MaskRecipe>();
  readonly #dense = new Map<string, Uint8Array>();
  readonly #free: Uint8Array[] = [];
  readonly #maxSlots: number;
  #slots = 0;
  #recipeBytes = 0;

  constructor(
    /** Vocabulary size: the length of every mask. */
    readonly maskLength: number,
    readonly capacityBytes: number,
  ) {
    this.#maxSlots = Math.max(slabSlots, Math.floor(capacityBytes / 2 / maskLength));
  }

  /** Number of masks held. */
  get size(): number {
    return this.#recipes.size + this.#dense.size;
  }

  /** The recipe cached under `key`, or a dense copy of its mask; undefined on a miss. */
  get(key: string): MaskRecipe | Uint8Array | undefined {
    const dense = this.#dense.get(key);
    if (dense) return touch(this.#dense, key, dense);
    const recipe = this.#recipes.get(key);
    return recipe && touch(this.#recipes, key, recipe);
  }

  /** Caches the mask computed by `recipe` (`mask` is its full form). */
  set(key: string, recipe: MaskRecipe, mask: Uint8Array): void {
    if (recipe.ids !== null && recipe.ids.length * bytesPerId < this.maskLength) {
      this.#recipes.set(key, recipe);
      this.#recipeBytes += recipe.ids.length * bytesPerId + 64;
      for (const [oldest, evicted] of this.#recipes) {
        if (this.#recipeBytes <= this.capacityBytes / 2) break;
        this.#recipes.delete(oldest);
        this.#recipeBytes -= (evicted.ids?.length ?? 0) * bytesPerId + 64;
      }
      return;
    }
    const slot = this.#slot();
    slot.set(mask);
    this.#dense.set(key, slot);
  }

  #slot(): Uint8Array {
    const free = this.#free.pop();
    if (free) return free;
    if (this.#slots < this.#maxSlots) {
      const slab = new Uint8Array(this.maskLength * slabSlots);
      for (let i = slabSlots - 1; i > 0; i--)
        this.#free.push(slab.subarray(i * this.maskLength, (i + 1) * this.maskLength));
      this.#slots += slabSlots;
      return slab.subarray(0, this.maskLength);
    }
    const [oldest, slot] = this.#dense.entries().next().value!;
    this.#dense.delete(oldest);
    return slot;
  }
}

function touch<T>(map: Map<string, T>, key: string, value: T): T {
  map.delete(key);
  map.set(key, value);
  return value;
}
