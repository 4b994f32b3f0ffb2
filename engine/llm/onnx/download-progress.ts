import type { ModelDownloadProgress } from './model-download-progress.ts';

const width = 24;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Bytes of every file of one download so far. */
export type DownloadState = ReadonlyMap<string, ModelDownloadProgress>;

/** One line summing up a download, e.g. `downloading [#########---------------]  38% 1.4/3.6 MB (2/5 files)`. */
export function renderDownloadProgress(files: DownloadState): string {
  const all = [...files.values()];
  const loaded = all.reduce((sum, f) => sum + f.loadedBytes, 0);
  const total = all.reduce((sum, f) => sum + f.totalBytes, 0);
  const fraction = total > 0 ? Math.min(1, loaded / total) : 0;
  const filled = Math.round(fraction * width);
  const percent = `${Math.round(fraction * 100)}`.padStart(3);
  const done = all.filter((f) => f.done).length;
  return `downloading [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${mb(loaded)}/${mb(total)} MB (${done}/${all.length} files)`;
}

/**
 * A progress sink that redraws one summary line on `stream` (stderr by default) and ends the line once
 * every file it has seen is done.
 */
export function createDownloadProgress(
  stream: NodeJS.WritableStream = process.stderr,
): (progress: ModelDownloadProgress) => void {
  const files = new Map<string, ModelDownloadProgress>();
  return (progress) => {
    const before = files.get(progress.file);
    files.set(
      progress.file,
      progress.done && before ? { ...before, loadedBytes: before.totalBytes, done: true } : progress,
    );
    const finished = [...files.values()].every((f) => f.done);
    stream.write(`\r${renderDownloadProgress(files)}${finished ? '\n' : ''}`);
  };
}
