/**
 * Intent classification benchmark: parley's classifier against NLP.js (`node-nlp`) in the same run.
 *
 *   npm run bench:nlu [-- --json] [--reps 3] [--min-recall 0.6] [--datasets clinc150,snips] [--systems parley]
 *                     [--dataset-dir <folder>]...
 *
 * Datasets come from $PARLEY_DATASETS (default ../shared/datasets from the repository root). Prints a
 * Markdown table on stdout; with --json, one JSON object keyed by dataset follows as the last line
 * (accuracy and recall are fractions in [0, 1]). Progress goes to stderr. Each system is trained
 * `--reps` times and classifies the test split `--reps` times, the two systems taking turns to go
 * first; times are medians. Only train and validation splits inform any choice: the out-of-scope
 * threshold of each system is the lowest that rejects `--min-recall` of CLINC150's validation
 * out-of-scope rows. `--systems` runs some of the systems only (default: parley and nlpjs).
 * `--dataset-dir` (repeatable) benchmarks a folder of your own instead: `train.jsonl` and `test.jsonl` of
 * `{text, intent}` lines, and optionally `val.jsonl`; rows with intent "oos" are out of scope, and a `val.jsonl`
 * holding some sets the out-of-scope threshold as above. The folder's name is its key.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchDataset, benchDatasets, datasetsDirectory, outOfScopeLabel, readSplit } from './bench-datasets.ts';
import type { BenchSystem } from './bench-system.ts';
import { formatBenchTable } from './format-bench-table.ts';
import { nlpjsBenchSystem } from './nlpjs-bench-system.ts';
import { parleyBenchSystem } from './parley-bench-system.ts';
import { runBenchDataset, type SystemResult } from './run-bench-dataset.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    'min-recall': { type: 'string', default: '0.6' },
    datasets: { type: 'string' },
    systems: { type: 'string' },
    'dataset-dir': { type: 'string', multiple: true },
  },
});
const repetitions = Number(values.reps);
const minRecall = Number(values['min-recall']);
if (!Number.isInteger(repetitions) || repetitions < 1)
  throw new Error(`--reps must be an integer >= 1, got ${values.reps}`);
if (!(minRecall >= 0 && minRecall <= 1))
  throw new Error(`--min-recall must be in [0, 1], got ${values['min-recall']}`);
/** A folder given with --dataset-dir: its splits by absolute path; a val.jsonl counts only with out-of-scope rows. */
function folderDataset(folder: string): BenchDataset {
  const dir = resolve(folder);
  for (const split of ['train.jsonl', 'test.jsonl']) {
    if (!existsSync(join(dir, split))) throw new Error(`--dataset-dir ${folder}: no ${split} (train.jsonl and test.jsonl of {"text", "intent"} lines)`);
  }
  const val = join(dir, 'val.jsonl');
  const usableVal = existsSync(val) && readSplit('/', val).some((row) => row.intent === outOfScopeLabel);
  return { key: basename(dir), train: join(dir, 'train.jsonl'), test: join(dir, 'test.jsonl'), ...(usableVal ? { val } : {}) };
}

const folders = (values['dataset-dir'] ?? []).map(folderDataset);
const wanted = values.datasets?.split(',');
const selected = [
  ...benchDatasets.filter((d) => (wanted === undefined && folders.length === 0) || wanted?.includes(d.key)),
  ...folders,
];
if (selected.length === 0)
  throw new Error(`--datasets matched none of ${benchDatasets.map((d) => d.key).join(', ')}`);

const directory = datasetsDirectory();
const allSystems: BenchSystem[] = [parleyBenchSystem, nlpjsBenchSystem];
const wantedSystems = values.systems?.split(',');
const systems = allSystems.filter((s) => wantedSystems === undefined || wantedSystems.includes(s.key));
if (systems.length === 0)
  throw new Error(`--systems matched none of ${allSystems.map((s) => s.key).join(', ')}`);
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
log(
  `datasets from ${directory}; ${repetitions} repetitions; out-of-scope threshold for recall >= ${minRecall} on val`,
);
const results: Record<string, Record<string, SystemResult>> = {};
for (const dataset of selected) {
  const read = (file: string) => readSplit(isAbsolute(file) ? '/' : directory, file);
  const split = {
    train: read(dataset.train),
    test: read(dataset.test),
    ...(dataset.val === undefined ? {} : { val: read(dataset.val) }),
  };
  results[dataset.key] = await runBenchDataset(dataset.key, split, systems, { repetitions, minRecall, log });
}
process.stdout.write(`${formatBenchTable(results)}\n`);
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
