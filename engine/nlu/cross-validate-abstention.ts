import type { AbstentionEstimate } from './abstention-estimate.ts';
import type { IntentClassifier, TrainingExample } from './intent-classifier.ts';
import { createSeededRandom } from './seeded-random.ts';

/** Options of {@link crossValidateAbstention}. */
export interface CrossValidateAbstentionOptions {
  /** Number of folds; each example and each off-topic topic is held out once. Default 3. */
  folds: number;
  seed: number;
  /** Off-topic utterances trained on per training example of a fold (as the trainer does). Default 16. */
  backgroundPerExample: number;
  /** Utterances of a held-out topic that are scored. Default 10. */
  negativesPerTopic: number;
  /**
   * Intents left out of training one at a time, their examples scored as requests the bot was not built for:
   * off-topic questions close to the bot's own domain, which the background topics are not. Needs 3 intents or
   * more. Default 3.
   */
  heldOutIntents: number;
  /** The threshold is kept in [minThreshold, maxThreshold], so that no small sample makes a bot accept everything. Default 0.25. */
  minThreshold: number;
  /**
   * Default 0.5, the fixed threshold used before: a bot's own examples only lower it, where they show that it
   * turns away questions the bot understands (bigger bots are measured at 0.5 in docs/classifier-design-notes.md).
   */
  maxThreshold: number;
}

/** Defaults of {@link CrossValidateAbstentionOptions}. */
export const defaultCrossValidateAbstentionOptions: CrossValidateAbstentionOptions = {
  folds: 3,
  seed: 1,
  backgroundPerExample: 16,
  negativesPerTopic: 10,
  heldOutIntents: 3,
  minThreshold: 0.25,
  maxThreshold: 0.5,
};

/** Trains a model of one fold: its examples, and off-topic utterances to learn as "no intent". */
export type TrainFold = (examples: readonly TrainingExample[], background: readonly string[]) => Promise<IntentClassifier>;

interface Scored {
  score: number;
  /** An in-scope example, an utterance of a held-out background topic, or an example of a held-out intent. */
  kind: 'in-scope' | 'topic' | 'intent';
  correct: boolean;
}

/** Up to `limit` texts from the lists in turn: the first of each, then the second of each, and so on. */
function interleave(lists: readonly (readonly string[])[], limit: number): string[] {
  const taken: string[] = [];
  for (let i = 0; taken.length < limit && lists.some((list) => i < list.length); i++) {
    for (const list of lists) if (i < list.length && taken.length < limit) taken.push(list[i]!);
  }
  return taken;
}

/**
 * The threshold with the best in-scope acceptance (held-out examples accepted with their right intent) plus
 * off-topic rejection (the mean of the held-out topics' and the held-out intents' rejection, each kind that was
 * scored counting once), the middle of the best range, within the bounds.
 */
export function chooseBalancedThreshold(samples: readonly Scored[], bounds: Pick<CrossValidateAbstentionOptions, 'minThreshold' | 'maxThreshold'>) {
  const inScope = samples.filter((s) => s.kind === 'in-scope');
  const topics = samples.filter((s) => s.kind === 'topic');
  const intents = samples.filter((s) => s.kind === 'intent');
  const rejection = (kind: readonly Scored[], t: number) => (kind.length === 0 ? null : kind.filter((s) => s.score < t).length / kind.length);
  const rates = (t: number) => {
    const kinds = [rejection(topics, t), rejection(intents, t)].filter((r): r is number => r !== null);
    return {
      accepted: inScope.filter((s) => s.correct && s.score >= t).length / inScope.length,
      rejected: kinds.reduce((a, b) => a + b, 0) / kinds.length,
      topicRejection: rejection(topics, t),
      intentRejection: rejection(intents, t),
    };
  };
  const scores = [...new Set(samples.map((s) => s.score))].sort((a, b) => a - b);
  const candidates = [bounds.minThreshold, bounds.maxThreshold];
  for (let i = 1; i < scores.length; i++) {
    const middle = (scores[i - 1]! + scores[i]!) / 2;
    if (middle > bounds.minThreshold && middle < bounds.maxThreshold) candidates.push(middle);
  }
  candidates.sort((a, b) => a - b);
  const value = (t: number) => {
    const r = rates(t);
    return r.accepted + r.rejected;
  };
  const values = candidates.map(value);
  const best = Math.max(...values);
  const tied = candidates.filter((_, i) => values[i]! >= best - 1e-9);
  const threshold = (tied[0]! + tied.at(-1)!) / 2;
  return { threshold, ...rates(threshold) };
}

/**
 * Chooses a classifier's out-of-scope threshold from its own examples by k-fold cross-validation: each fold's
 * model is trained without a share of every intent's examples and without a share of the off-topic topics, then
 * scores both, and the threshold with the best sum of in-scope acceptance and off-topic rejection over all folds
 * is kept with those two rates as its estimate. `topics` are the off-topic background topics the bot does not
 * cover (each a list of utterances).
 */
export async function crossValidateAbstention(
  examples: readonly TrainingExample[],
  topics: readonly (readonly string[])[],
  trainFold: TrainFold,
  options: Partial<CrossValidateAbstentionOptions> = {},
): Promise<AbstentionEstimate> {
  const o = { ...defaultCrossValidateAbstentionOptions, ...options };
  const random = createSeededRandom(o.seed);
  const foldOf = new Array<number>(examples.length);
  const byIntent = new Map<string, number[]>();
  for (const [i, e] of examples.entries()) byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), i]);
  let offset = 0;
  for (const indices of byIntent.values()) {
    for (const [rank, i] of random.shuffle([...indices]).entries()) foldOf[i] = (rank + offset) % o.folds;
    offset += indices.length;
  }
  const samples: Scored[] = [];
  for (let fold = 0; fold < o.folds; fold++) {
    const train = examples.filter((_, i) => foldOf[i] !== fold);
    const heldOut = examples.filter((_, i) => foldOf[i] === fold);
    if (heldOut.length === 0 || new Set(train.map((e) => e.intent)).size < 2) continue;
    const trainTopics = topics.filter((_, t) => t % o.folds !== fold);
    const testTopics = topics.filter((_, t) => t % o.folds === fold);
    const classifier = await trainFold(train, interleave(trainTopics, o.backgroundPerExample * train.length));
    for (const e of heldOut) {
      const p = classifier.classify(e.text);
      samples.push({ score: p.confidence, kind: 'in-scope', correct: p.ranking[0]?.intent === e.intent });
    }
    for (const text of testTopics.flatMap((t) => t.slice(0, o.negativesPerTopic))) {
      samples.push({ score: classifier.classify(text).confidence, kind: 'topic', correct: false });
    }
  }
  const intents = [...byIntent.keys()];
  if (intents.length >= 3) {
    for (const left of random.shuffle(intents).slice(0, o.heldOutIntents)) {
      const train = examples.filter((e) => e.intent !== left);
      const classifier = await trainFold(train, interleave(topics, o.backgroundPerExample * train.length));
      for (const e of examples) if (e.intent === left) samples.push({ score: classifier.classify(e.text).confidence, kind: 'intent', correct: false });
    }
  }
  const inScopeN = samples.filter((s) => s.kind === 'in-scope').length;
  const offTopicN = samples.length - inScopeN;
  if (inScopeN === 0 || offTopicN === 0) throw new RangeError('cross-validation needs in-scope examples and off-topic utterances to hold out');
  const choice = chooseBalancedThreshold(samples, o);
  return {
    threshold: choice.threshold,
    inScopeAcceptance: choice.accepted,
    offTopicRejection: choice.rejected,
    ...(choice.topicRejection === null ? {} : { topicRejection: choice.topicRejection }),
    ...(choice.intentRejection === null ? {} : { unknownIntentRejection: choice.intentRejection }),
    inScopeN,
    offTopicN,
    folds: o.folds,
  };
}
