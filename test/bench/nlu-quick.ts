/**
 * Quick quality and speed check of the "parley-linear" intent classifier on public datasets.
 *
 *   npx tsx test/bench/nlu-quick.ts [dataset ...]      (default: clinc150 snips)
 *
 * Datasets are read from $PARLEY_DATASETS (default ../shared/datasets from the repository root), one
 * folder per dataset with train/val/test .jsonl files of { text, intent }; intent "oos" marks
 * out-of-scope rows (CLINC150). Trainer options may be given as JSON in $PARLEY_NLU_OPTIONS.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLinearIntentTrainer,
  type IntentClassifier,
  type LinearIntentTrainerOptions,
  type TrainingExample,
} from '../../engine/nlu/index.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const datasetsDir = process.env['PARLEY_DATASETS'] ?? join(repoRoot, '../shared/datasets');
const options = JSON.parse(process.env['PARLEY_NLU_OPTIONS'] ?? '{}') as Partial<LinearIntentTrainerOptions>;
const outOfScopeLabel = 'oos';

function readSplit(dataset: string, split: string): TrainingExample[] {
  return readFileSync(join(datasetsDir, dataset, `${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { text, intent } = JSON.parse(line) as TrainingExample;
      return { text, intent };
    });
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(2)}%`;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Accuracy (top-1, ignoring the threshold) and out-of-scope metrics at the classifier's threshold. */
function evaluate(classifier: IntentClassifier, rows: readonly TrainingExample[]) {
  let inScope = 0;
  let top1 = 0;
  let acceptedCorrect = 0;
  let outOfScope = 0;
  let rejected = 0;
  const latencies: number[] = [];
  for (const row of rows) {
    const started = performance.now();
    const prediction = classifier.classify(row.text);
    latencies.push(performance.now() - started);
    if (row.intent === outOfScopeLabel) {
      outOfScope++;
      if (prediction.outOfScope) rejected++;
      continue;
    }
    inScope++;
    if (prediction.ranking[0]!.intent === row.intent) top1++;
    if (prediction.intent === row.intent) acceptedCorrect++;
  }
  latencies.sort((a, b) => a - b);
  return { inScope, top1, acceptedCorrect, outOfScope, rejected, latencies };
}

async function run(dataset: string): Promise<void> {
  const train = readSplit(dataset, 'train').filter((row) => row.intent !== outOfScopeLabel);
  const test = readSplit(dataset, 'test');
  const trainer = createLinearIntentTrainer(options);
  const started = performance.now();
  const classifier = await trainer.train(train, { seed: 1 });
  const trainMs = performance.now() - started;

  const serializeStarted = performance.now();
  const json = JSON.stringify(classifier.serialize());
  const serializeMs = performance.now() - serializeStarted;
  const loadStarted = performance.now();
  const restored = trainer.load(JSON.parse(json));
  const loadMs = performance.now() - loadStarted;
  const sample = test.slice(0, 200);
  const identical = sample.every(
    (row) => JSON.stringify(restored.classify(row.text)) === JSON.stringify(classifier.classify(row.text)),
  );

  // Warm up before timing classify.
  for (const row of test.slice(0, 200)) classifier.classify(row.text);
  const result = evaluate(classifier, test);
  const { latencies } = result;
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  console.log(
    `\n${dataset}: train ${train.length} examples / ${classifier.intents.length} intents, test ${test.length}`,
  );
  console.log(`  train time            ${(trainMs / 1000).toFixed(2)} s`);
  console.log(
    `  in-scope accuracy     ${percent(result.top1, result.inScope)} (top-1 of ${result.inScope}, no threshold)`,
  );
  if (result.outOfScope > 0) {
    console.log(
      `  with oos threshold    in-scope accepted+correct ${percent(result.acceptedCorrect, result.inScope)}, oos recall ${percent(result.rejected, result.outOfScope)} (of ${result.outOfScope})`,
    );
  } else {
    console.log(
      `  with oos threshold    in-scope accepted+correct ${percent(result.acceptedCorrect, result.inScope)}`,
    );
  }
  console.log(
    `  classify latency      mean ${(mean * 1000).toFixed(0)} µs, p50 ${(quantile(latencies, 0.5) * 1000).toFixed(0)} µs, p99 ${(quantile(latencies, 0.99) * 1000).toFixed(0)} µs`,
  );
  console.log(
    `  serialized            ${(json.length / 1e6).toFixed(1)} MB JSON, serialize ${serializeMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms, identical predictions after load: ${identical}`,
  );
}

/** A small bot: the first 15 CLINC150 intents with 33 training examples each (495). */
async function runSmallBot(): Promise<void> {
  const all = readSplit('clinc150', 'train').filter((row) => row.intent !== outOfScopeLabel);
  const intents = [...new Set(all.map((row) => row.intent))].slice(0, 15);
  const perIntent = new Map<string, number>();
  const train = all.filter((row) => {
    const seen = perIntent.get(row.intent) ?? 0;
    if (!intents.includes(row.intent) || seen >= 33) return false;
    perIntent.set(row.intent, seen + 1);
    return true;
  });
  const test = readSplit('clinc150', 'test').filter(
    (row) => intents.includes(row.intent) || row.intent === outOfScopeLabel,
  );
  const trainer = createLinearIntentTrainer(options);
  await trainer.train(train.slice(0, 60), { seed: 1 }); // warm up the JIT
  const started = performance.now();
  const classifier = await trainer.train(train, { seed: 1 });
  const trainMs = performance.now() - started;
  const result = evaluate(classifier, test);
  console.log(
    `\nsmall bot (clinc150 subset): train ${train.length} examples / ${intents.length} intents, test ${result.inScope} in-scope + ${result.outOfScope} oos`,
  );
  console.log(`  train time            ${trainMs.toFixed(0)} ms`);
  console.log(`  in-scope accuracy     ${percent(result.top1, result.inScope)} (no threshold)`);
  console.log(
    `  with oos threshold    in-scope accepted+correct ${percent(result.acceptedCorrect, result.inScope)}, oos recall ${percent(result.rejected, result.outOfScope)}`,
  );
}

const datasets = process.argv.slice(2);
console.log(`datasets from ${datasetsDir}; options ${JSON.stringify(options)}`);
await runSmallBot();
for (const dataset of datasets.length > 0 ? datasets : ['clinc150', 'snips']) await run(dataset);
