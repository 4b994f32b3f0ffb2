import type { TrainingExample } from '../../engine/nlu/index.ts';
import { chooseOutOfScopeThreshold } from '../../engine/nlu/choose-out-of-scope-threshold.ts';
import { outOfScopeLabel } from './bench-datasets.ts';
import type { BenchModel, BenchPrediction, BenchSystem } from './bench-system.ts';

/** One system's numbers on one dataset, as in the JSON output. */
export interface SystemResult {
  /** Test accuracy; with out-of-scope rows, in-scope accuracy with the threshold applied. In [0, 1]. */
  accuracy: number;
  /** Out-of-scope test rows rejected, in [0, 1]; only for datasets with out-of-scope rows. */
  oos_recall?: number;
  /** Median training time, seconds. */
  train_s: number;
  /** Median over repetitions of the median / 99th percentile time of one classification, ms. */
  p50_ms: number;
  p99_ms: number;
}

/** How {@link runBenchDataset} runs. */
export interface RunBenchOptions {
  /** Training runs and classification passes per system, interleaved. */
  repetitions: number;
  /** Out-of-scope recall the threshold must reach on the validation split. */
  minRecall: number;
  /** Progress lines (to stderr). */
  log: (line: string) => void;
}

interface Split {
  train: readonly TrainingExample[];
  val?: readonly TrainingExample[];
  test: readonly TrainingExample[];
}

/**
 * Trains and times every system `repetitions` times on one dataset, alternating which goes first,
 * then classifies the test split the same way; accuracy comes from the first trained model (training
 * is deterministic for parley). With a validation split, the out-of-scope threshold of each system
 * is the lowest that rejects `minRecall` of its out-of-scope rows (`chooseOutOfScopeThreshold`).
 */
export async function runBenchDataset(
  key: string,
  split: Split,
  systems: readonly BenchSystem[],
  options: RunBenchOptions,
): Promise<Record<string, SystemResult>> {
  const train = split.train.filter((row) => row.intent !== outOfScopeLabel);
  const models = new Map<string, BenchModel>();
  const trainSeconds = new Map<string, number[]>(systems.map((s) => [s.key, []]));
  for (let rep = 0; rep < options.repetitions; rep++) {
    for (const system of rep % 2 === 0 ? systems : [...systems].reverse()) {
      const started = performance.now();
      const model = await system.train(train);
      const seconds = (performance.now() - started) / 1000;
      trainSeconds.get(system.key)!.push(seconds);
      if (!models.has(system.key)) models.set(system.key, model);
      options.log(
        `${key}: ${system.key} trained on ${train.length} in ${seconds.toFixed(1)} s (${rep + 1}/${options.repetitions})`,
      );
    }
  }
  const texts = split.test.map((row) => row.text);
  const testPredictions = new Map<string, BenchPrediction[]>();
  const p50s = new Map<string, number[]>(systems.map((s) => [s.key, []]));
  const p99s = new Map<string, number[]>(systems.map((s) => [s.key, []]));
  for (let rep = 0; rep < options.repetitions; rep++) {
    for (const system of rep % 2 === 0 ? systems : [...systems].reverse()) {
      const model = models.get(system.key)!;
      await predictAll(model, texts.slice(0, 200)); // warm-up
      const { predictions, latencies } = await predictAll(model, texts);
      if (!testPredictions.has(system.key)) testPredictions.set(system.key, predictions);
      latencies.sort((a, b) => a - b);
      p50s.get(system.key)!.push(quantile(latencies, 0.5));
      p99s.get(system.key)!.push(quantile(latencies, 0.99));
    }
  }
  const results: Record<string, SystemResult> = {};
  for (const system of systems) {
    const predictions = testPredictions.get(system.key)!;
    let threshold = Number.NEGATIVE_INFINITY;
    if (split.val !== undefined) {
      const val = (
        await predictAll(
          models.get(system.key)!,
          split.val.map((row) => row.text),
        )
      ).predictions;
      const choice = chooseOutOfScopeThreshold(
        val.map((p, i) => sample(p, split.val![i]!)),
        { minRecall: options.minRecall },
      );
      threshold = choice.threshold;
      options.log(
        `${key}: ${system.key} out-of-scope threshold ${threshold.toFixed(3)} (val in-scope ${choice.inScopeAccuracy.toFixed(4)}, recall ${choice.outOfScopeRecall.toFixed(3)})`,
      );
    }
    const inScope = split.test.flatMap((row, i) => (row.intent === outOfScopeLabel ? [] : [i]));
    const outOfScope = split.test.flatMap((row, i) => (row.intent === outOfScopeLabel ? [i] : []));
    const accepted = (i: number): boolean => predictions[i]!.score >= threshold;
    results[system.key] = {
      accuracy:
        inScope.filter((i) => accepted(i) && predictions[i]!.top === split.test[i]!.intent).length /
        inScope.length,
      ...(split.val === undefined
        ? {}
        : { oos_recall: outOfScope.filter((i) => !accepted(i)).length / outOfScope.length }),
      train_s: median(trainSeconds.get(system.key)!),
      p50_ms: median(p50s.get(system.key)!),
      p99_ms: median(p99s.get(system.key)!),
    };
  }
  return results;
}

function sample(prediction: BenchPrediction, row: TrainingExample) {
  const outOfScope = row.intent === outOfScopeLabel;
  return { score: prediction.score, outOfScope, correct: !outOfScope && prediction.top === row.intent };
}

async function predictAll(
  model: BenchModel,
  texts: readonly string[],
): Promise<{ predictions: BenchPrediction[]; latencies: number[] }> {
  const predictions: BenchPrediction[] = [];
  const latencies: number[] = [];
  for (const text of texts) {
    const started = performance.now();
    let prediction = model.predict(text);
    if (prediction instanceof Promise) prediction = await prediction;
    latencies.push(performance.now() - started);
    predictions.push(prediction);
  }
  return { predictions, latencies };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
