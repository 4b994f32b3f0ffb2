import { builtinWordVectors } from '../nlu/load-word-vectors.ts';
import { createSeededRandom } from '../nlu/seeded-random.ts';
import type { WordVectors } from '../nlu/word-vectors.ts';
import type { AnnotatedExample } from './annotated-example.ts';
import { createBioLabels, encodeSpans } from './bio-labels.ts';
import { encodeTaggerFeatures, perceptronTagger } from './perceptron-tagger.ts';
import { PerceptronWeights } from './perceptron-weights.ts';
import type { SequenceTagger } from './sequence-tagger.ts';
import { tokenFeatures } from './tagger-features.ts';
import { tokenizeForTagger } from './tagger-token.ts';

/** How {@link trainSequenceTagger} trains. */
export interface SequenceTaggerOptions {
  /** Passes over the examples. Default 12. */
  epochs: number;
  /** Seed of the order the examples are visited in. Default 1. */
  seed: number;
  /** Word vectors as token features: the shipped GloVe vectors (`'builtin'`), others, or none. Default `'builtin'`. */
  wordVectors: WordVectors | 'builtin' | 'none';
  /** Indicator features seen fewer times than this in training are dropped (memory on large corpora). Default 1. */
  minFeatureCount: number;
}

/** Defaults of {@link SequenceTaggerOptions}. */
export const defaultSequenceTaggerOptions: SequenceTaggerOptions = { epochs: 12, seed: 1, wordVectors: 'builtin', minFeatureCount: 1 };

function resolveVectors(choice: SequenceTaggerOptions['wordVectors']): WordVectors | undefined {
  if (choice === 'none') return undefined;
  return choice === 'builtin' ? builtinWordVectors() : choice;
}

/**
 * Trains an averaged structured perceptron over BIO labels (Collins 2002) from annotated examples: token features
 * ({@link tokenFeatures}) and word vectors, label transitions, Viterbi decoding that never continues an entity
 * that did not begin. Deterministic for a seed. Entity names are the examples' span names.
 *
 * @example
 * const tagger = trainSequenceTagger([parseAnnotatedExample('fly to [Paris](city)'), ...]);
 * tagger.tag('fly to Rome') // [{ entity: 'city', start: 7, end: 11, text: 'Rome' }]
 */
export function trainSequenceTagger(examples: readonly AnnotatedExample[], options: Partial<SequenceTaggerOptions> = {}): SequenceTagger {
  const settings = { ...defaultSequenceTaggerOptions, ...options };
  const vectors = resolveVectors(settings.wordVectors);
  const labels = createBioLabels([...new Set(examples.flatMap((e) => e.entities.map((s) => s.entity)))].sort());
  const prepared = examples.map((example) => {
    const tokens = tokenizeForTagger(example.text);
    return { tokens, features: tokenFeatures(tokens, vectors), gold: encodeSpans(tokens, example.entities, labels) };
  });
  const counts = new Map<string, number>();
  for (const { features } of prepared) for (const f of features) for (const name of f.names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const ids = new Map<string, number>();
  for (const [name, count] of counts) if (count >= settings.minFeatureCount) ids.set(name, ids.size);
  const data = prepared.map((p) => ({ tokens: encodeTaggerFeatures(p.features, ids), gold: p.gold }));
  const model = new PerceptronWeights(labels, ids.size, vectors?.dimensions ?? 0);
  const random = createSeededRandom(settings.seed);
  const order = data.map((_, i) => i);
  let step = 1;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (const i of random.shuffle(order)) {
      const { tokens, gold } = data[i]!;
      const predicted = model.decode(tokens);
      if (predicted.some((label, k) => label !== gold[k])) model.update(tokens, gold, predicted, step);
      step++;
    }
  }
  model.average(step);
  return perceptronTagger({ labels, ids, vectors, model });
}
