/** Lends a few costly objects out one at a time each, creating them on first need. */
export interface Pool<T> {
  /** Waits for a free item (or creates one while under the size) and returns it with its release. */
  acquire(): Promise<{ item: T; release: () => void }>;
}

/** A pool of at most `size` items made by `create`. */
export function createPool<T>(size: number, create: () => T): Pool<T> {
  const idle: T[] = [];
  const waiting: Array<(item: T) => void> = [];
  let created = 0;
  const release = (item: T) => {
    const next = waiting.shift();
    if (next) next(item);
    else idle.push(item);
  };
  return {
    async acquire() {
      let item = idle.pop();
      if (item === undefined && created < size) {
        item = create();
        created++;
      }
      if (item === undefined) item = await new Promise<T>((resolve) => waiting.push(resolve));
      const taken = item;
      let released = false;
      return {
        item: taken,
        release: () => {
          if (released) return;
          released = true;
          release(taken);
        },
      };
    },
  };
}
