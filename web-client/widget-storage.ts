/** A string store that never throws: browsers refuse storage in some private modes and sandboxed frames. */
export interface WidgetStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** The storage named by the widget's `storage` option, falling back to memory when the browser refuses. */
export function createWidgetStorage(kind: 'local' | 'session' | 'memory'): WidgetStorage {
  const memory = new Map<string, string>();
  let backend: Storage | undefined;
  try {
    backend = kind === 'local' ? window.localStorage : kind === 'session' ? window.sessionStorage : undefined;
    backend?.getItem('parley:probe');
  } catch {
    backend = undefined;
  }
  return {
    get(key) {
      try {
        return backend?.getItem(key) ?? memory.get(key);
      } catch {
        return memory.get(key);
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        backend?.setItem(key, value);
      } catch {
        // memory keeps it for this page
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        backend?.removeItem(key);
      } catch {
        // nothing stored there
      }
    },
  };
}
