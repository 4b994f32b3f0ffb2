/**
 * The classifier on validation splits only, for choosing settings without looking at a test split:
 *
 *   npx tsx test/bench/nlu-validation.ts [dataset ...]     (default: clinc150 banking77 hwu64 snips)
 *
 * Trains on each dataset's training split (Banking77: `dialoglue_split/train.jsonl`, whose `val.jsonl`
 * it is scored on) with parley's defaults except `backgroundUtterances: []` and `backgroundTopics: null`
 * (the shipped topics come from CLINC150's training split), plus any options given as
 * JSON in $PARLEY_NLU_OPTIONS, and prints top-1 accuracy on the in-scope validation rows; for CLINC150
 * also the in-scope accuracy at the threshold that rejects 50% and 60% of the validation out-of-scope
 * rows (chosen on the same rows, so an optimistic figure for comparing settings, not a result).
 */
import { chooseOutOfScopeThreshold } from '../../engine/nlu/choose-out-of-scope-threshold.ts';
import { createLinearIntentTrainer, type LinearIntentTrainerOptions } from '../../engine/nlu/index.ts';
import { datasetsDirectory, outOfScopeLabel, readSplit } from './bench-datasets.ts';

const splits: Record<string, { train: string; val: string }> = {
  clinc150: { train: 'clinc150/train.jsonl', val: 'clinc150/val.jsonl' },
  banking77: { train: 'banking77/dialoglue_split/train.jsonl', val: 'banking77/dialoglue_split/val.jsonl' },
  hwu64: { train: 'hwu64/train.jsonl', val: 'hwu64/val.jsonl' },
  snips: { train: 'snips/train.jsonl', val: 'snips/val.jsonl' },
};
const options = JSON.parse(process.env['PARLEY_NLU_OPTIONS'] ?? '{}') as Partial<LinearIntentTrainerOptions>;
const wanted = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(splits);
const directory = datasetsDirectory();
const percent = (fraction: number): string => `${(100 * fraction).toFixed(2)}%`;

for (const name of wanted) {
  const split = splits[name];
  if (split === undefined) throw new Error(`unknown dataset "${name}"; one of ${Object.keys(splits).join(', ')}`);
  const train = readSplit(directory, split.train).filter((row) => row.intent !== outOfScopeLabel);
  const val = readSplit(directory, split.val);
  const started = performance.now();
  const classifier = await createLinearIntentTrainer({ backgroundUtterances: [], backgroundTopics: null, ...options }).train(train);
  const seconds = (performance.now() - started) / 1000;
  const samples = val.map((row) => {
    const prediction = classifier.classify(row.text);
    return {
      score: prediction.confidence,
      outOfScope: row.intent === outOfScopeLabel,
      correct: prediction.ranking[0]!.intent === row.intent,
    };
  });
  const inScope = samples.filter((s) => !s.outOfScope);
  const line = [`${name}: train ${seconds.toFixed(1)} s, top-1 ${percent(inScope.filter((s) => s.correct).length / inScope.length)}`];
  if (inScope.length < samples.length) {
    for (const minRecall of [0.5, 0.6]) {
      const choice = chooseOutOfScopeThreshold(samples, { minRecall });
      line.push(`in-scope at ${minRecall * 100}% OOS recall ${percent(choice.inScopeAccuracy)} (threshold ${choice.threshold.toFixed(3)})`);
    }
  }
  console.log(line.join(', '));
}
