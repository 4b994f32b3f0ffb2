import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainingExample } from '../../engine/nlu/index.ts';

/** Label of out-of-scope rows in CLINC150. */
export const outOfScopeLabel = 'oos';

/** One benchmark: where its splits are, relative to the datasets folder. */
export interface BenchDataset {
  /** Key in the JSON output, e.g. `clinc150_10shot`. */
  key: string;
  train: string;
  /** Validation split with out-of-scope rows, on which the out-of-scope threshold is chosen. */
  val?: string;
  test: string;
}

/** The seven benchmarks of `npm run bench:nlu`, in the order they run. */
export const benchDatasets: readonly BenchDataset[] = [
  { key: 'clinc150', train: 'clinc150/train.jsonl', val: 'clinc150/val.jsonl', test: 'clinc150/test.jsonl' },
  { key: 'banking77', train: 'banking77/train.jsonl', test: 'banking77/test.jsonl' },
  { key: 'hwu64', train: 'hwu64/train.jsonl', test: 'hwu64/test.jsonl' },
  { key: 'snips', train: 'snips/train.jsonl', test: 'snips/test.jsonl' },
  {
    key: 'clinc150_10shot',
    train: 'clinc150/fewshot/train_10.jsonl',
    val: 'clinc150/val.jsonl',
    test: 'clinc150/test.jsonl',
  },
  { key: 'banking77_10shot', train: 'banking77/fewshot/train_10.jsonl', test: 'banking77/test.jsonl' },
  { key: 'hwu64_10shot', train: 'hwu64/fewshot/train_10.jsonl', test: 'hwu64/test.jsonl' },
];

/** `$PARLEY_DATASETS`, or `../shared/datasets` from the repository root. */
export function datasetsDirectory(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  return process.env['PARLEY_DATASETS'] ?? join(repoRoot, '../shared/datasets');
}

/** Reads a JSONL split of `{ text, intent }` rows. */
export function readSplit(directory: string, file: string): TrainingExample[] {
  return readFileSync(join(directory, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { text, intent } = JSON.parse(line) as TrainingExample;
      return { text, intent };
    });
}
