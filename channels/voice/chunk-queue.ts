/** An async iterable fed from outside: `push` chunks, then `end`. */
export interface ChunkQueue<T> extends AsyncIterable<T> {
  push(item: T): void;
  end(): void;
}

/** Creates a {@link ChunkQueue}; items pushed before anyone reads wait in order. */
export function createChunkQueue<T>(): ChunkQueue<T> {
  const items: T[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  return {
    push(item) {
      if (ended) return;
      items.push(item);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const item = items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
}
