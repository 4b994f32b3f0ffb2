/**
 * Abstention on small bots: a fixed out-of-scope threshold (0.5, the default before per-bot thresholds) against
 * the threshold each bot chooses by cross-validation (`oosThreshold: 'auto'`).
 *
 *   npm run bench:abstention [-- --json] [--datasets banking77,hwu64,snips] [--sizes 3,5,8] [--draws 3] [--shots 10]
 *
 * Each small bot takes `--sizes` intents of a dataset at random and `--shots` training examples of each; the test
 * utterances of its intents are in scope and those of 10 other intents of the same dataset stand for off-topic
 * questions. In-scope acceptance is the share of in-scope test utterances accepted with the right intent; off-topic
 * rejection the share of off-topic ones turned away. Fractions in [0, 1], means over all bots of a dataset.
 * CLINC150 is left out by default: the built-in background topics come from its training split.
 */
import { parseArgs } from 'node:util';
import { createLinearIntentTrainer } from '../../engine/nlu/linear-intent-trainer.ts';
import type { IntentClassifier, TrainingExample } from '../../engine/nlu/intent-classifier.ts';
import { createSeededRandom } from '../../engine/nlu/seeded-random.ts';
import { datasetsDirectory, readSplit } from './bench-datasets.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    datasets: { type: 'string', default: 'banking77,hwu64,snips' },
    sizes: { type: 'string', default: '3,5,8' },
    draws: { type: 'string', default: '3' },
    shots: { type: 'string', default: '10' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const draws = Number(values.draws);
const shots = Number(values.shots);
const offTopicIntents = 10;
const inScopePerIntent = 40;
const offTopicPerIntent = 20;

interface Rates {
  in_scope_acceptance: number;
  off_topic_rejection: number;
}

function measure(classifier: IntentClassifier, inScope: readonly TrainingExample[], offTopic: readonly TrainingExample[]): Rates {
  const accepted = inScope.filter((e) => classifier.classify(e.text).intent === e.intent).length;
  const rejected = offTopic.filter((e) => classifier.classify(e.text).outOfScope).length;
  return { in_scope_acceptance: accepted / inScope.length, off_topic_rejection: rejected / offTopic.length };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const results: Record<string, { bots: number; fixed_05: Rates; per_bot: Rates & { mean_threshold: number; estimated_acceptance: number; estimated_rejection: number } }> = {};
const directory = datasetsDirectory();
for (const dataset of values.datasets.split(',')) {
  const train = readSplit(directory, `${dataset}/train.jsonl`);
  const test = readSplit(directory, `${dataset}/test.jsonl`);
  const intents = [...new Set(train.map((e) => e.intent))].sort();
  const fixed: Rates[] = [];
  const perBot: (Rates & { threshold: number; estimatedAcceptance: number; estimatedRejection: number })[] = [];
  for (const size of sizes.filter((n) => n + 2 <= intents.length)) {
    for (let draw = 0; draw < draws; draw++) {
      const random = createSeededRandom(1000 * size + draw + 1);
      const shuffled = random.shuffle([...intents]);
      const botIntents = new Set(shuffled.slice(0, size));
      const others = new Set(shuffled.slice(size, size + offTopicIntents));
      const examples = [...botIntents].flatMap((i) => random.shuffle(train.filter((e) => e.intent === i)).slice(0, shots));
      const inScope = [...botIntents].flatMap((i) => test.filter((e) => e.intent === i).slice(0, inScopePerIntent));
      const offTopic = [...others].flatMap((i) => test.filter((e) => e.intent === i).slice(0, offTopicPerIntent));
      const before = await createLinearIntentTrainer().train(examples);
      const after = await createLinearIntentTrainer({ oosThreshold: 'auto' }).train(examples);
      fixed.push(measure(before, inScope, offTopic));
      const estimate = after.abstention;
      perBot.push({
        ...measure(after, inScope, offTopic),
        threshold: estimate?.threshold ?? 0.5,
        estimatedAcceptance: estimate?.inScopeAcceptance ?? Number.NaN,
        estimatedRejection: estimate?.offTopicRejection ?? Number.NaN,
      });
      process.stderr.write(`${dataset} ${size} intents draw ${draw + 1}: threshold ${perBot.at(-1)?.threshold.toFixed(2)}\n`);
    }
  }
  results[`${dataset}_${shots}shot`] = {
    bots: fixed.length,
    fixed_05: { in_scope_acceptance: mean(fixed.map((r) => r.in_scope_acceptance)), off_topic_rejection: mean(fixed.map((r) => r.off_topic_rejection)) },
    per_bot: {
      in_scope_acceptance: mean(perBot.map((r) => r.in_scope_acceptance)),
      off_topic_rejection: mean(perBot.map((r) => r.off_topic_rejection)),
      mean_threshold: mean(perBot.map((r) => r.threshold)),
      estimated_acceptance: mean(perBot.map((r) => r.estimatedAcceptance)),
      estimated_rejection: mean(perBot.map((r) => r.estimatedRejection)),
    },
  };
}
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const rows = Object.entries(results).map(
  ([key, r]) =>
    `| ${key} | ${r.bots} | ${pct(r.fixed_05.in_scope_acceptance)} | ${pct(r.fixed_05.off_topic_rejection)} | ${r.per_bot.mean_threshold.toFixed(2)} | ${pct(r.per_bot.in_scope_acceptance)} | ${pct(r.per_bot.off_topic_rejection)} | ${pct(r.per_bot.estimated_acceptance)} / ${pct(r.per_bot.estimated_rejection)} |`,
);
process.stdout.write(
  `| small bots | bots | in-scope acceptance, fixed 0.5 | off-topic rejection, fixed 0.5 | mean per-bot threshold | in-scope acceptance, per bot | off-topic rejection, per bot | estimated at training (acceptance / rejection) |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
