/**
 * Learned-entity benchmark: parley's sequence tagger on SNIPS (the Goo et al. split).
 *
 *   npm run bench:entities [-- --json] [--split test|val] [--epochs 12] [--no-vectors]
 *
 * Trains on `snips/train.jsonl` from $PARLEY_DATASETS (default ../shared/datasets) and scores exact-match spans
 * (`end` exclusive) on the chosen split: precision, recall and F1 per entity type and overall (micro). Prints a
 * Markdown table on stdout; with --json the last line is `{"overall": {...}, "per_type": {...}, ...}`, fractions
 * in [0, 1]. Tune on val; report test. Progress goes to stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnnotatedExample } from '../../engine/entities/annotated-example.ts';
import { scoreEntitySpans } from '../../engine/entities/score-entity-spans.ts';
import { trainSequenceTagger } from '../../engine/entities/train-sequence-tagger.ts';
import { datasetsDirectory } from './bench-datasets.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    split: { type: 'string', default: 'test' },
    epochs: { type: 'string', default: '12' },
    'no-vectors': { type: 'boolean', default: false },
  },
});
if (values.split !== 'test' && values.split !== 'val') throw new Error(`--split must be test or val, got ${values.split}`);
const epochs = Number(values.epochs);
if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`--epochs must be an integer >= 1, got ${values.epochs}`);

function readExamples(file: string): AnnotatedExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { text: string; entities: Array<{ entity: string; start: number; end: number }> };
      return { text: row.text, entities: row.entities.map(({ entity, start, end }) => ({ entity, start, end })) };
    });
}

const directory = join(datasetsDirectory(), 'snips');
const train = readExamples(join(directory, 'train.jsonl'));
const evaluation = readExamples(join(directory, `${values.split}.jsonl`));
process.stderr.write(`SNIPS from ${directory}: ${train.length} train, ${evaluation.length} ${values.split}\n`);
const t0 = performance.now();
const tagger = trainSequenceTagger(train, { epochs, ...(values['no-vectors'] ? { wordVectors: 'none' as const } : {}) });
const trainMs = performance.now() - t0;
const t1 = performance.now();
const predicted = evaluation.map((e) => tagger.tag(e.text));
const tagMs = (performance.now() - t1) / evaluation.length;
const scores = scoreEntitySpans(
  evaluation.map((e) => e.entities),
  predicted,
);
const pct = (x: number) => (100 * x).toFixed(1);
const lines = ['| entity | precision | recall | F1 | support |', '|---|---:|---:|---:|---:|'];
for (const [entity, s] of Object.entries(scores.per_type)) lines.push(`| ${entity} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${s.support} |`);
const o = scores.overall;
lines.push(`| **overall** | **${pct(o.precision)}** | **${pct(o.recall)}** | **${pct(o.f1)}** | ${o.support} |`);
process.stdout.write(`${lines.join('\n')}\n\ntrained in ${(trainMs / 1000).toFixed(1)} s (${epochs} epochs), ${tagMs.toFixed(2)} ms per utterance\n`);
if (values.json) {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const brief = (s: typeof o) => ({ precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), support: s.support });
  const perType = Object.fromEntries(Object.entries(scores.per_type).map(([k, s]) => [k, brief(s)]));
  process.stdout.write(`${JSON.stringify({ overall: brief(o), per_type: perType, split: values.split, epochs, train_ms: Math.round(trainMs), tag_ms: round(tagMs) })}\n`);
}
