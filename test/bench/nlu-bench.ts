/**
 * Intent classification benchmark: parley's classifier against NLP.js (`node-nlp`) in the same run.
 *
 *   npm run bench:nlu [-- --json] [--reps 3] [--min-recall 0.6] [--datasets clinc150,snips] [--systems parley]
 *
 * Datasets come from $PARLEY_DATASETS (default ../shared/datasets from the repository root). Prints a
 * Markdown table on stdout; with --json, one JSON object keyed by dataset follows as the last line
 * (accuracy and recall are fractions in [0, 1]). Progress goes to stderr. Each system is trained
 * `--reps` times and classifies the test split `--reps` times, the two systems taking turns to go
 * first; times are medians. Only train and validation splits inform any choice: the out-of-scope
 * threshold of each system is the lowest that rejects `--min-recall` of CLINC150's validation
 * out-of-scope rows. `--systems` runs some of the systems only (default: parley and nlpjs).
 */
import { parseArgs } from 'node:util';
import { benchDatasets, datasetsDirectory, readSplit } from './bench-datasets.ts';
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
  },
});
const repetitions = Number(values.reps);
const minRecall = Number(values['min-recall']);
if (!Number.isInteger(repetitions) || repetitions < 1)
  throw new Error(`--reps must be an integer >= 1, got ${values.reps}`);
if (!(minRecall >= 0 && minRecall <= 1))
  throw new Error(`--min-recall must be in [0, 1], got ${values['min-recall']}`);
const wanted = values.datasets?.split(',');
const selected = benchDatasets.filter((d) => wanted === undefined || wanted.includes(d.key));
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
  const split = {
    train: readSplit(directory, dataset.train),
    test: readSplit(directory, dataset.test),
    ...(dataset.val === undefined ? {} : { val: readSplit(directory, dataset.val) }),
  };
  results[dataset.key] = await runBenchDataset(dataset.key, split, systems, { repetitions, minRecall, log });
}
process.stdout.write(`${formatBenchTable(results)}\n`);
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
