/**
 * A one-consumer queue between a push source (worker messages) and an async reader. `fail` makes the
 * next read throw once the items before it are read.
 */
export class EventChannel<T> {
  readonly #items: Array<{ value: T } | { error: unknown }> = [];
  #wake: (() => void) | undefined;

  push(value: T): void {
    this.#items.push({ value });
    this.#wake?.();
  }

  fail(error: unknown): void {
    this.#items.push({ error });
    this.#wake?.();
  }

  /** The next item, waiting for one if needed. */
  async next(): Promise<T> {
    while (this.#items.length === 0) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
    const item = this.#items.shift()!;
    if ('error' in item) throw item.error;
    return item.value;
  }
}
