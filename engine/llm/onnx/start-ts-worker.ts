import { Worker } from 'node:worker_threads';

// An eval'd CommonJS bootstrap: imports the heavy plain-JS dependencies first with Node's own loader
// (through tsx, transformers.js' 1.3 MB bundle loads several times slower), then registers tsx in the new
// thread (loader hooks are per thread on Node 20) and imports the TypeScript entry. Works the same under
// tsx, vitest and bin/parley.js.
const bootstrap = `
const { workerData } = require('node:worker_threads');
Promise.all(workerData.preload.map((url) => import(url)))
  .then(() => import(workerData.tsx))
  .then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/**
 * Starts a worker thread running a TypeScript module of this package (`entry` is its file URL).
 * `preload` lists module URLs (resolved by the caller) to load before the TypeScript loader is installed.
 */
export function startTsWorker(entry: URL, preload: readonly string[] = []): Worker {
  return new Worker(bootstrap, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), entry: entry.href, preload },
  });
}
