import { ConfigError } from '../../core/contracts/errors/index.ts';
import type { BackgroundTopics } from './background-topics.ts';
import { defaultBackgroundUtterances } from './default-background-utterances.ts';
import { crossValidateAbstention } from './cross-validate-abstention.ts';
import { fitTemperature } from './fit-temperature.ts';
import type { IntentClassifier, IntentClassifierTrainer, TrainingExample, TrainOptions } from './intent-classifier.ts';
import { createLinearIntentClassifier, linearIntentProvider } from './linear-intent-classifier.ts';
import { deserializeLinearIntentModel } from './serialized-linear-intent-model.ts';
import { dequantizeRows, quantizeRows } from './quantize-rows.ts';
import { createSoftmaxRegression, type SoftmaxRegression } from './softmax-regression.ts';
import { splitHoldout } from './split-holdout.ts';
import { tokenizeLanguages, tokenizeUtterance } from './tokenize-utterance.ts';
import { defaultTfidfOptions, fitTfidfVectorizer, type TfidfOptions, type TfidfVectorizer } from './tfidf-vectorizer.ts';
import { trainSoftmaxRegression } from './train-softmax-regression.ts';
import { validateTrainingExamples } from './validate-training-examples.ts';
import { builtinBackgroundTopics } from './load-background-topics.ts';
import { builtinWordVectors } from './load-word-vectors.ts';
import { createUtteranceFeaturizer } from './utterance-featurizer.ts';
import type { WordVectors } from './word-vectors.ts';

/** Options of {@link createLinearIntentTrainer}; featurisation options are those of `TfidfOptions`. */
export interface LinearIntentTrainerOptions extends TfidfOptions {
  /**
   * A prediction whose confidence is below this is out of scope (`intent: null`). Confidences are
   * calibrated probabilities lowered by unfamiliar words (see `createLinearIntentClassifier`). Default
   * 0.5: above the dialogue's `minConfidence` 0.4, so an intent the classifier reports is one the bot
   * acts on, and the highest threshold at which a bot of a dozen intents keeps its in-scope accuracy. A
   * model of many intents is less sure of each and needs a lower one. Tune it on held-out in-scope and
   * off-topic utterances of your bot when you have them (`chooseOutOfScopeThreshold`); the measurements
   * behind the default are in docs/classifier-design-notes.md. `'auto'` chooses it per bot by
   * cross-validation on the bot's own examples, with background topics it does not cover held out as
   * off-topic questions (`crossValidateAbstention`; the classifier's `abstention` says what it chose and
   * expects); that trains `abstentionFolds` + 3 more models, and falls back to 0.5 without background topics
   * or with more than `abstentionMaxExamples` examples.
   */
  oosThreshold: number | 'auto';
  /** Folds of the cross-validation of `oosThreshold: 'auto'`, 2 to 10. Default 3. */
  abstentionFolds: number;
  /**
   * `oosThreshold: 'auto'` cross-validates bots of at most this many examples, where training is cheap and
   * the fixed threshold turns away too much; bigger ones keep 0.5. Default 500.
   */
  abstentionMaxExamples: number;
  /**
   * Passes over the training set. `'auto'` runs as many as fit in 60,000 example updates and in
   * 4,000,000 example updates × intents, at least 5 and at most 30: 30 for a bot of a few hundred
   * examples, 18 for 1,500 examples of 150 intents, 5 for 15,000 examples of 150 intents. Default
   * `'auto'`.
   */
  epochs: number | 'auto';
  /** SGD step size at the start; it decays linearly to a hundredth of that by the end. Default 4. */
  learningRate: number;
  /** L2 penalty per example on the weights; larger makes the model simpler and less sure. Default 3e-6. */
  l2: number;
  /**
   * Softmax temperature that calibrates confidences. `'auto'` fits it on held-out examples
   * (temperature scaling): a first model is trained with a third of the passes without a `holdoutFraction`
   * of each intent's examples, the temperature that best predicts those is kept, and the model that
   * is returned is then trained on all examples; that adds about a third to the training time. The fit
   * is shrunk towards 1 when few examples are held out. A number fixes the temperature (1 = the raw
   * softmax). Default `'auto'`.
   */
  temperature: number | 'auto';
  /** Share of each intent's examples held out to fit the temperature, in (0, 0.5]. Default 0.2. */
  holdoutFraction: number;
  /**
   * Off-topic utterances trained towards "no intent in particular" (a uniform distribution over the
   * intents, known as outlier exposure), so that an utterance like them gets a low confidence and is
   * judged out of scope. One that reads the same as a training example (same tokens) is skipped.
   * Default {@link defaultBackgroundUtterances}: general knowledge, trivia, creative writing and the
   * like. Pass `[]` to train on the examples alone.
   */
  backgroundUtterances: readonly string[];
  /**
   * Pretrained word vectors whose idf-weighted mean over an utterance's words joins its TF-IDF
   * features, so that a word never seen in the examples still counts through the seen words it is
   * close to ("reimbursement" near "refund", "showers" near "rain"). `'builtin'` is the GloVe vectors
   * shipped in models/glove-100d (200,000 words, 22 MB, read once per process); a `WordVectors` of
   * your own comes from `loadWordVectors`; `null` trains on TF-IDF alone, which is less accurate and
   * somewhat faster to train (docs/nlu-benchmark.md). A trained model can only be loaded by a trainer
   * with the same vectors. Default `'builtin'`.
   */
  wordVectors: WordVectors | 'builtin' | null;
  /** Length of the word-vector block next to the TF-IDF part (length 1), in (0, 10]. Default 0.7. */
  wordVectorWeight: number;
  /**
   * More off-topic utterances, by topic, learned from like `backgroundUtterances` once every topic the
   * bot turns out to handle is left out: a first model trained on the examples alone (a third of the
   * passes) reads each topic's utterances, and a topic is left out when at least `coveredTopicShare` of
   * them get one and the same intent with a confidence of at least 0.5 (a store bot keeps nothing of an
   * "order_status" topic). A word seen only in these and `backgroundUtterances` then counts
   * against an utterance (see `TextFeatures.familiarity`). `'builtin'`: 142 topics of CLINC150's
   * training split, 20 utterances each (models/background, CC BY 3.0), which turn away more off-topic
   * requests at the same in-scope accuracy (docs/classifier-design-notes.md); `null`: none. Default
   * `'builtin'`.
   */
  backgroundTopics: BackgroundTopics | 'builtin' | null;
  /**
   * At most this many topic utterances per example, taken from the topics in turn (the first of each,
   * then the second, ...), so that a small bot is not drowned out: with all of them a bot of a few dozen
   * examples stops understanding new paraphrases. Default 16, the most that keeps a small bot's
   * paraphrases and turns away its off-topic requests (docs/classifier-design-notes.md).
   */
  backgroundPerExample: number;
  /**
   * Share of a topic's utterances, in (0, 1], that makes it a topic the bot handles. Default 0.4: a bot
   * gives most utterances of its own topics one intent and well under this share of any other topic's
   * (docs/classifier-design-notes.md).
   */
  coveredTopicShare: number;
  /**
   * How much a word never seen in training counts against an utterance's familiarity, in [0, 1], where
   * an off-topic word counts 1. `'auto'`: 0 when there are background topics (what is off-topic is then
   * known from them, and an unknown word is as likely a new way of saying something in scope, like
   * "cheerio"), 1 without them. Default `'auto'`.
   */
  unseenWordWeight: number | 'auto';
  /**
   * Confidence is the calibrated probability times familiarity to this power, in (0, 1]: 1 trusts the
   * familiarity fully, smaller values soften it. Default 0.5.
   */
  familiarityExponent: number;
}

/** Defaults of {@link LinearIntentTrainerOptions}. */
export const defaultLinearIntentTrainerOptions: LinearIntentTrainerOptions = {
  ...defaultTfidfOptions,
  oosThreshold: 0.5,
  abstentionFolds: 3,
  abstentionMaxExamples: 500,
  epochs: 'auto',
  learningRate: 4,
  l2: 3e-6,
  temperature: 'auto',
  holdoutFraction: 0.2,
  backgroundUtterances: defaultBackgroundUtterances,
  wordVectors: 'builtin',
  wordVectorWeight: 0.7,
  backgroundTopics: 'builtin',
  coveredTopicShare: 0.4,
  backgroundPerExample: 16,
  unseenWordWeight: 'auto',
  familiarityExponent: 0.5,
};

/**
 * Revision of the training code, part of `settings`: bumped whenever the same examples and options
 * train a different model, so a model cached by older code is trained again (what each revision changed:
 * docs/classifier-design-notes.md).
 */
export const linearTrainerRevision = 3;

/** The threshold of `oosThreshold: 'auto'` when cross-validation cannot run (no background topics left). */
const fallbackOosThreshold = 0.5;

const autoEpochUpdates = 60_000;
/** Example updates times intents: the cost of an update grows with the number of intents. */
const autoEpochWork = 4_000_000;
const finalRateFraction = 0.01;
/** Weight, in held-out examples, of the prior belief that the temperature is 1. */
const temperaturePrior = 50;
/** Fewer held-out examples than this give too noisy a temperature; it then stays 1. */
const minHoldout = 10;
/** Confidence at which the first model's reading of a background utterance counts as an intent of the bot. */
const coveredTopicConfidence = 0.5;
/** Share of the progress bar taken by featurisation. */
const featurisingShare = 0.1;

/**
 * A trainer of "parley-linear" classifiers: TF-IDF of word unigrams and bigrams plus character
 * 2–5-grams and the mean of pretrained word vectors, a softmax (multinomial logistic) regression
 * fitted by seeded SGD (WebAssembly SIMD) that also learns from
 * off-topic background utterances, and a temperature fitted on held-out examples so confidences are
 * calibrated probabilities. Weights are kept as 8 bits with a scale per feature, so the serialised
 * model is small and a reloaded one predicts exactly the same. Training on a few hundred examples
 * takes a fraction of a second and `classify` well under a millisecond (timings in
 * docs/nlu-benchmark.md). Progress goes to `onProgress` (in steps of a few thousand updates, yielding to
 * the event loop between them), e.g. a terminal progress bar's `update`.
 *
 * @example
 * const trainer = createLinearIntentTrainer({ oosThreshold: 0.3 });
 * const classifier = await trainer.train(examples, { seed: 7 });
 * classifier.classify('where is my order'); // { intent: 'order_status', confidence: 0.93, ... }
 * const same = trainer.load(JSON.parse(JSON.stringify(classifier.serialize())));
 */
export function createLinearIntentTrainer(
  options: Partial<LinearIntentTrainerOptions> = {},
): IntentClassifierTrainer {
  const given = { ...defaultLinearIntentTrainerOptions, ...options };
  validateOptions(given);
  const settings = {
    ...given,
    wordVectors: given.wordVectors === 'builtin' ? builtinWordVectors() : given.wordVectors,
    backgroundTopics: given.backgroundTopics === 'builtin' ? builtinBackgroundTopics() : given.backgroundTopics,
  };
  const {
    oosThreshold,
    abstentionFolds,
    abstentionMaxExamples,
    epochs,
    learningRate,
    l2,
    temperature,
    holdoutFraction,
    backgroundUtterances,
    wordVectors,
    wordVectorWeight,
    backgroundTopics,
    coveredTopicShare,
    backgroundPerExample,
    unseenWordWeight,
    familiarityExponent,
    ...features
  } = settings;
  const wordVectorParts = wordVectors === null ? null : { vectors: wordVectors, weight: wordVectorWeight };
  const topics = Object.values(backgroundTopics?.topics ?? {}).filter((texts) => texts.length > 0);
  const unseenWeight = unseenWordWeight === 'auto' ? (topics.length > 0 ? 0 : 1) : unseenWordWeight;
  return {
    provider: linearIntentProvider,
    settings: { ...settings, trainerRevision: linearTrainerRevision },
    async train(examples: readonly TrainingExample[], trainOptions: TrainOptions = {}) {
      const intents = validateTrainingExamples(examples);
      const seed = trainOptions.seed ?? 1;
      let reported = -1;
      /** Progress only ever moves forward (the estimate of the steps to come can shrink). */
      const onProgress = (fraction: number): void => {
        if (fraction <= reported) return;
        reported = fraction;
        trainOptions.onProgress?.(fraction);
      };
      onProgress(0);
      const passes = epochs === 'auto' ? autoEpochs(examples.length, intents.length) : epochs;
      // The held-out model only has to be as sure of itself as the final one will be: a third of the
      // passes fits the same temperature as all (docs/classifier-design-notes.md).
      const shortPasses = Math.ceil(passes / 3);
      const classOf = new Map(intents.map((intent, c) => [intent, c]));
      const labels = Int32Array.from(examples, (example) => classOf.get(example.intent)!);
      const { holdout, fit: rest } =
        temperature === 'auto' ? splitHoldout(labels, holdoutFraction, seed) : { holdout: [], fit: [] };
      const calibrate = holdout.length >= minHoldout;
      const handBackground = usableBackground(backgroundUtterances, examples, features);
      const rows = examples.length + handBackground.length;
      // Steps are example updates; the topic background's size is only known once covered topics are out,
      // so the bar counts it at its largest.
      const topicRows = topics.reduce((n, texts) => n + texts.length, 0);
      const fullRows = rows + topicRows;
      const totalSteps =
        (topics.length > 0 ? shortPasses * rows : 0) +
        passes * fullRows +
        (calibrate ? shortPasses * (fullRows - holdout.length) : 0);
      let stepsDone = 0;

      /** Featurises examples + `background` and trains on `subset` of them (background labelled -1). */
      const prepare = (background: readonly string[], unseen: number) => {
        const texts = [...examples.map((example) => example.text), ...background];
        const { vectorizer, vectors: tfidf, tokens } = fitTfidfVectorizer(texts, features, {
          backgroundFrom: examples.length,
          unseenWordWeight: unseen,
        });
        const featurizer = createUtteranceFeaturizer(vectorizer, wordVectorParts);
        const vectors = tfidf.map((x, i) => featurizer.extend(x, tokens[i]!));
        const labelOf = (i: number): number => (i < examples.length ? labels[i]! : -1);
        const backgroundRows = background.map((_, i) => examples.length + i);
        const trainOn = async (subset: readonly number[], epochCount: number): Promise<SoftmaxRegression> => {
          const from = stepsDone;
          const model = await trainSoftmaxRegression(
            subset.map((i) => vectors[i]!),
            subset.map(labelOf),
            featurizer.numFeatures,
            intents.length,
            {
              epochs: epochCount,
              learningRate,
              finalRateFraction,
              l2,
              seed,
              onProgress: async (fraction) => {
                const steps = from + fraction * epochCount * subset.length;
                onProgress(featurisingShare + ((1 - featurisingShare) * Math.min(steps, totalSteps)) / totalSteps);
                await yieldToEventLoop();
              },
            },
          );
          stepsDone = from + epochCount * subset.length;
          return model;
        };
        return { vectorizer, featurizer, vectors, backgroundRows, trainOn };
      };

      let background = handBackground;
      let kept: (readonly string[])[] = [];
      if (topics.length > 0) {
        const probe = prepare(handBackground, 1);
        onProgress(featurisingShare);
        await yieldToEventLoop();
        const probeModel = await probe.trainOn([...labels.keys(), ...probe.backgroundRows], shortPasses);
        const probeClassifier = createLinearIntentClassifier({
          ...storedParts(intents, probe.vectorizer, probeModel, 1),
          oosThreshold: coveredTopicConfidence,
          familiarityExponent: 1,
          wordVectors: wordVectorParts,
        });
        kept = topics.filter((texts) => !isCoveredTopic(texts, probeClassifier, coveredTopicShare));
        const taken = roundRobin(kept, backgroundPerExample * examples.length);
        background = [...handBackground, ...usableBackground(taken, examples, features)];
      }
      const { vectorizer, vectors, backgroundRows, trainOn } = prepare(background, unseenWeight);
      onProgress(featurisingShare);
      await yieldToEventLoop();
      let fitted = typeof temperature === 'number' ? temperature : 1;
      if (calibrate) {
        const heldOutModel = await trainOn([...rest, ...backgroundRows], shortPasses);
        const temperatureFit = fitTemperature(
          holdout.map((i) => heldOutModel.logits(vectors[i]!)),
          holdout.map((i) => labels[i]!),
        );
        // A few held-out examples are mostly easy ones and would make the model far too sure of
        // itself (0.29 on 12 toy examples); ln T is shrunk towards 0 as if by `temperaturePrior` more
        // examples at T = 1. With thousands held out the fit stands almost as it is.
        fitted = Math.exp((Math.log(temperatureFit) * holdout.length) / (holdout.length + temperaturePrior));
      }
      const model = await trainOn([...labels.keys(), ...backgroundRows], passes);
      const abstention =
        oosThreshold === 'auto' && kept.length >= abstentionFolds && examples.length <= abstentionMaxExamples
          ? await crossValidateAbstention(
              examples,
              kept,
              (foldExamples, foldBackground) =>
                createLinearIntentTrainer({
                  ...options,
                  oosThreshold: 0,
                  backgroundTopics: null,
                  backgroundUtterances: [...backgroundUtterances, ...foldBackground],
                  unseenWordWeight: unseenWeight,
                  epochs: passes,
                }).train(foldExamples, { seed }),
              { folds: abstentionFolds, seed, backgroundPerExample },
            )
          : undefined;
      onProgress(1);
      return createLinearIntentClassifier({
        ...storedParts(intents, vectorizer, model, fitted),
        oosThreshold: abstention?.threshold ?? (oosThreshold === 'auto' ? fallbackOosThreshold : oosThreshold),
        familiarityExponent,
        wordVectors: wordVectorParts,
        ...(abstention ? { abstention } : {}),
      });
    },
    load: (serialized) => createLinearIntentClassifier(deserializeLinearIntentModel(serialized, wordVectors)),
  };
}

/** The parts of a classifier as a reload gives them: weights stored as 8 bits (4 times smaller). */
function storedParts(intents: readonly string[], vectorizer: TfidfVectorizer, trained: SoftmaxRegression, temperature: number) {
  const quantizedWeights = quantizeRows(trained.weights, intents.length);
  const weights = dequantizeRows(quantizedWeights, intents.length);
  return {
    intents,
    vectorizer,
    model: createSoftmaxRegression(trained.numFeatures, trained.numClasses, weights, trained.bias),
    quantizedWeights,
    temperature,
  };
}

/** The background utterances that have words and read unlike every training example. */
function usableBackground(
  utterances: readonly string[],
  examples: readonly TrainingExample[],
  options: TfidfOptions,
): string[] {
  const key = (text: string): string => tokenizeUtterance(text, options).join(' ');
  const taken = new Set(examples.map((example) => key(example.text)));
  return utterances.filter((text) => key(text) !== '' && !taken.has(key(text)));
}

/**
 * Whether a background topic is one the bot handles: at least `share` of its utterances get one and
 * the same intent from `classifier` (trained on the bot's examples alone).
 */
function isCoveredTopic(texts: readonly string[], classifier: IntentClassifier, share: number): boolean {
  const votes = new Map<string, number>();
  for (const text of texts) {
    const { intent } = classifier.classify(text);
    if (intent !== null) votes.set(intent, (votes.get(intent) ?? 0) + 1);
  }
  return Math.max(0, ...votes.values()) >= share * texts.length;
}

/** Up to `limit` texts taken from the lists in turn: the first of each, then the second of each, and so on. */
function roundRobin(lists: readonly (readonly string[])[], limit: number): string[] {
  const taken: string[] = [];
  for (let i = 0; taken.length < limit && lists.some((list) => i < list.length); i++) {
    for (const list of lists) if (i < list.length && taken.length < limit) taken.push(list[i]!);
  }
  return taken;
}

/** Passes for `epochs: 'auto'`. */
function autoEpochs(examples: number, intents: number): number {
  const byUpdates = Math.ceil(autoEpochUpdates / examples);
  const byWork = Math.ceil(autoEpochWork / (examples * intents));
  return Math.min(30, Math.max(5, Math.min(byUpdates, byWork)));
}

/** Lets a server answer other requests between stretches of a long training run. */
function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

function validateOptions(o: LinearIntentTrainerOptions): void {
  const check = (key: keyof LinearIntentTrainerOptions, ok: boolean, expected: string): void => {
    if (!ok) throw new ConfigError(key, expected, o[key]);
  };
  const isInt = (v: unknown, min: number): boolean => Number.isInteger(v) && (v as number) >= min;
  check('oosThreshold', o.oosThreshold === 'auto' || (o.oosThreshold >= 0 && o.oosThreshold <= 1), '"auto" or a number in [0, 1]');
  check('abstentionFolds', isInt(o.abstentionFolds, 2) && o.abstentionFolds <= 10, 'an integer from 2 to 10');
  check('abstentionMaxExamples', isInt(o.abstentionMaxExamples, 0), 'an integer >= 0');
  check('epochs', o.epochs === 'auto' || isInt(o.epochs, 1), '"auto" or an integer >= 1');
  check('learningRate', o.learningRate > 0 && Number.isFinite(o.learningRate), 'a positive number');
  check('l2', o.l2 >= 0 && o.l2 * o.learningRate < 1, 'a number >= 0 with l2 * learningRate < 1');
  check(
    'temperature',
    o.temperature === 'auto' || (o.temperature > 0 && Number.isFinite(o.temperature)),
    '"auto" or a positive number',
  );
  check(
    'backgroundUtterances',
    Array.isArray(o.backgroundUtterances) && o.backgroundUtterances.every((u) => typeof u === 'string'),
    'an array of strings',
  );
  check(
    'wordVectors',
    o.wordVectors === 'builtin' ||
      o.wordVectors === null ||
      (typeof o.wordVectors === 'object' && typeof o.wordVectors.rowOf === 'function'),
    '"builtin", null or word vectors from loadWordVectors',
  );
  check('wordVectorWeight', o.wordVectorWeight > 0 && o.wordVectorWeight <= 10, 'a number in (0, 10]');
  check(
    'backgroundTopics',
    o.backgroundTopics === 'builtin' ||
      o.backgroundTopics === null ||
      (typeof o.backgroundTopics === 'object' &&
        typeof o.backgroundTopics.topics === 'object' &&
        o.backgroundTopics.topics !== null &&
        Object.values(o.backgroundTopics.topics).every((texts) => Array.isArray(texts) && texts.every((t) => typeof t === 'string'))),
    '"builtin", null or background topics from loadBackgroundTopics',
  );
  check('coveredTopicShare', o.coveredTopicShare > 0 && o.coveredTopicShare <= 1, 'a number in (0, 1]');
  check('backgroundPerExample', o.backgroundPerExample > 0, 'a positive number');
  check(
    'unseenWordWeight',
    o.unseenWordWeight === 'auto' || (o.unseenWordWeight >= 0 && o.unseenWordWeight <= 1),
    '"auto" or a number in [0, 1]',
  );
  check('familiarityExponent', o.familiarityExponent > 0 && o.familiarityExponent <= 1, 'a number in (0, 1]');
  check('holdoutFraction', o.holdoutFraction > 0 && o.holdoutFraction <= 0.5, 'a number in (0, 0.5]');
  check('longNumberMinDigits', isInt(o.longNumberMinDigits, 1), 'an integer >= 1');
  check('language', o.language === 0 || Object.values(tokenizeLanguages).includes(o.language), `0 or one of tokenizeLanguages' values`);
  check('maxWordNgram', isInt(o.maxWordNgram, 1), 'an integer >= 1');
  check('minCharNgram', isInt(o.minCharNgram, 1), 'an integer >= 1');
  check('maxCharNgram', isInt(o.maxCharNgram, 0), 'an integer >= 0 (0 turns character n-grams off)');
  check('minDocumentFrequency', isInt(o.minDocumentFrequency, 1), 'an integer >= 1');
  check('maxFeatures', isInt(o.maxFeatures, 1), 'an integer >= 1');
  check(
    'wordBlockWeight',
    o.wordBlockWeight > 0 && o.wordBlockWeight < 1,
    'a number strictly between 0 and 1',
  );
}
