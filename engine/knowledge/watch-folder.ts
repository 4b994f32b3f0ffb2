import { watch } from 'node:fs';

/** A running watch; `close` stops it. */
export interface FolderWatch {
  close(): void;
}

/**
 * Watches a folder and its subfolders and calls `onChange` (possibly many times per change) when
 * something in it changes, `onError` when watching fails. Injected into the folder knowledge base so
 * that tests can drive changes themselves.
 */
export type FolderWatcher = (
  dir: string,
  onChange: () => void,
  onError: (error: unknown) => void,
) => FolderWatch;

/**
 * The default {@link FolderWatcher}: Node's recursive `fs.watch`, which does not keep the process
 * alive by itself.
 */
export const watchFolderWithFs: FolderWatcher = (dir, onChange, onError) => {
  const watcher = watch(dir, { recursive: true, persistent: false }, () => onChange());
  watcher.on('error', onError);
  return { close: () => watcher.close() };
};
