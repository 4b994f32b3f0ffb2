import { ConfigError } from '../../core/errors/index.ts';
import { defaultBackgroundUtterances } from './default-background-utterances.ts';
import { fitTemperature } from './fit-temperature.ts';
import type { IntentClassifierTrainer, TrainingExample, TrainOptions } from './intent-classifier.ts';
import { createLinearIntentClassifier, linearIntentProvider } from './linear-intent-classifier.ts';
import { deserializeLinearIntentModel } from './serialized-linear-intent-model.ts';
import { dequantizeRows, quantizeRows } from './quantize-rows.ts';
import { createSoftmaxRegression, type SoftmaxRegression } from './softmax-regression.ts';
import { splitHoldout } from './split-holdout.ts';
import { tokenizeUtterance } from './tokenize-utterance.ts';
import { defaultTfidfOptions, fitTfidfVectorizer, type TfidfOptions } from './tfidf-vectorizer.ts';
import { trainSoftmaxRegression } from './train-softmax-regression.ts';
import { validateTrainingExamples } from './validate-training-examples.ts';
import { builtinWordVectors } from './load-word-vectors.ts';
import { createUtteranceFeaturizer } from './utterance-featurizer.ts';
import type { WordVectors } from './word-vectors.ts';

/** Options of {@link createLinearIntentTrainer}; featurisation options are those of `TfidfOptions`. */
export interface LinearIntentTrainerOptions extends TfidfOptions {
  /**
   * A prediction whose confidence is below this is out of scope (`intent: null`). Confidences are
   * calibrated probabilities lowered by unseen words (see `createLinearIntentClassifier`). Default
   * 0.4, the dialogue's own `minConfidence`, so an intent the classifier reports is one the bot acts
   * on; with the default background utterances it rejected 15 of 16 off-topic questions put to the
   * Acme demo while accepting 25 of 25 in-scope paraphrases (neither set is among its examples). A
   * model of many intents is less sure of each and needs a lower one: on CLINC150 (150 intents) the
   * threshold that rejects 60% of validation out-of-scope queries is about 0.2. Tune it on held-out
   * in-scope and off-topic utterances of your bot when you have them (`chooseOutOfScopeThreshold`).
   */
  oosThreshold: number;
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
   * your own comes from `loadWordVectors`; `null` trains on TF-IDF alone. On validation splits they
   * added 0.1–1.1 points of accuracy (docs/nlu-benchmark.md) at about 1.3 times the training time.
   * A trained model can only be loaded by a trainer with the same vectors. Default `'builtin'`.
   */
  wordVectors: WordVectors | 'builtin' | null;
  /** Length of the word-vector block next to the TF-IDF part (length 1), in (0, 10]. Default 0.7. */
  wordVectorWeight: number;
}

/** Defaults of {@link LinearIntentTrainerOptions}. */
export const defaultLinearIntentTrainerOptions: LinearIntentTrainerOptions = {
  ...defaultTfidfOptions,
  oosThreshold: 0.4,
  epochs: 'auto',
  learningRate: 4,
  l2: 3e-6,
  temperature: 'auto',
  holdoutFraction: 0.2,
  backgroundUtterances: defaultBackgroundUtterances,
  wordVectors: 'builtin',
  wordVectorWeight: 0.7,
};

/**
 * Revision of the training code, part of `settings`: bumped whenever the same examples and options
 * train a different model, so a model cached by older code is trained again. 2: word vectors, SIMD
 * kernels, calibration on a third of the passes.
 */
export const linearTrainerRevision = 2;

const autoEpochUpdates = 60_000;
/** Example updates times intents: the cost of an update grows with the number of intents. */
const autoEpochWork = 4_000_000;
const finalRateFraction = 0.01;
/** Weight, in held-out examples, of the prior belief that the temperature is 1. */
const temperaturePrior = 50;
/** Fewer held-out examples than this give too noisy a temperature; it then stays 1. */
const minHoldout = 10;
/** Share of the progress bar taken by featurisation. */
const featurisingShare = 0.1;

/**
 * A trainer of "parley-linear" classifiers: TF-IDF of word unigrams and bigrams plus character
 * 2–5-grams and the mean of pretrained word vectors, a softmax (multinomial logistic) regression
 * fitted by seeded SGD (WebAssembly SIMD) that also learns from
 * off-topic background utterances, and a temperature fitted on held-out examples so confidences are
 * calibrated probabilities. Weights are kept as 8 bits with a scale per feature, so the serialised
 * model is small and a reloaded one predicts exactly the same. Training on a few hundred examples
 * takes a fraction of a second, on CLINC150's 15,000 about five seconds on this project's machine (see
 * docs/nlu-benchmark.md); `classify` well under a millisecond. Progress goes to `onProgress` (in
 * steps of a few thousand updates, yielding to the event loop between them), e.g. a
 * `createProgressBar`.
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
  const settings = { ...given, wordVectors: given.wordVectors === 'builtin' ? builtinWordVectors() : given.wordVectors };
  const {
    oosThreshold,
    epochs,
    learningRate,
    l2,
    temperature,
    holdoutFraction,
    backgroundUtterances,
    wordVectors,
    wordVectorWeight,
    ...features
  } = settings;
  const wordVectorParts = wordVectors === null ? null : { vectors: wordVectors, weight: wordVectorWeight };
  return {
    provider: linearIntentProvider,
    settings: { ...settings, trainerRevision: linearTrainerRevision },
    async train(examples: readonly TrainingExample[], trainOptions: TrainOptions = {}) {
      const intents = validateTrainingExamples(examples);
      const seed = trainOptions.seed ?? 1;
      const onProgress = trainOptions.onProgress;
      onProgress?.(0);
      const background = usableBackground(backgroundUtterances, examples, features);
      const texts = [...examples.map((example) => example.text), ...background];
      const { vectorizer, vectors: tfidf, tokens } = fitTfidfVectorizer(texts, features);
      const featurizer = createUtteranceFeaturizer(vectorizer, wordVectorParts);
      const vectors = tfidf.map((x, i) => featurizer.extend(x, tokens[i]!));
      const { numFeatures } = featurizer;
      onProgress?.(featurisingShare);
      await yieldToEventLoop();
      const classOf = new Map(intents.map((intent, c) => [intent, c]));
      const labels = Int32Array.from(examples, (example) => classOf.get(example.intent)!);
      // Background examples come after the examples and carry label -1; they are always fitted on.
      const backgroundRows = background.map((_, i) => examples.length + i);
      const labelOf = (i: number): number => (i < examples.length ? labels[i]! : -1);
      const everything = [...labels.keys(), ...backgroundRows];
      const { holdout, fit: rest } =
        temperature === 'auto' ? splitHoldout(labels, holdoutFraction, seed) : { holdout: [], fit: [] };
      const calibrate = holdout.length >= minHoldout;
      const passes = epochs === 'auto' ? autoEpochs(examples.length, intents.length) : epochs;
      // The held-out model only has to be as sure of itself as the final one will be; on CLINC150's
      // validation split half the passes gave the same temperature as all (0.615 vs 0.604; 0.665
      // fitted on the split itself), and with word vectors a third (2 of 5) the same in-scope accuracy
      // at 60% out-of-scope recall as half (93.77%; 1 pass: 93.57%).
      const heldOutPasses = Math.ceil(passes / 3);
      const fitSet = [...rest, ...backgroundRows];
      const totalSteps = passes * everything.length + (calibrate ? heldOutPasses * fitSet.length : 0);
      const trainOn = (
        subset: readonly number[],
        epochCount: number,
        from: number,
      ): Promise<SoftmaxRegression> =>
        trainSoftmaxRegression(
          subset.map((i) => vectors[i]!),
          subset.map(labelOf),
          numFeatures,
          intents.length,
          {
            epochs: epochCount,
            learningRate,
            finalRateFraction,
            l2,
            seed,
            onProgress: async (fraction) => {
              const steps = from + fraction * epochCount * subset.length;
              onProgress?.(featurisingShare + ((1 - featurisingShare) * steps) / totalSteps);
              await yieldToEventLoop();
            },
          },
        );
      let fitted = typeof temperature === 'number' ? temperature : 1;
      if (calibrate) {
        const heldOutModel = await trainOn(fitSet, heldOutPasses, 0);
        const temperatureFit = fitTemperature(
          holdout.map((i) => heldOutModel.logits(vectors[i]!)),
          holdout.map((i) => labels[i]!),
        );
        // A few held-out examples are mostly easy ones and would make the model far too sure of
        // itself (0.29 on 12 toy examples); ln T is shrunk towards 0 as if by `temperaturePrior` more
        // examples at T = 1. With thousands held out the fit stands almost as it is.
        fitted = Math.exp((Math.log(temperatureFit) * holdout.length) / (holdout.length + temperaturePrior));
      }
      const model = await trainOn(everything, passes, calibrate ? heldOutPasses * fitSet.length : 0);
      // Stored as 8 bits a weight (4 times smaller); the classifier uses exactly what a reload gives.
      const quantizedWeights = quantizeRows(model.weights, intents.length);
      return createLinearIntentClassifier({
        intents,
        vectorizer,
        model: createSoftmaxRegression(
          model.numFeatures,
          model.numClasses,
          dequantizeRows(quantizedWeights, intents.length),
          model.bias,
        ),
        quantizedWeights,
        oosThreshold,
        temperature: fitted,
        wordVectors: wordVectorParts,
      });
    },
    load: (serialized) => createLinearIntentClassifier(deserializeLinearIntentModel(serialized, wordVectors)),
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
  check('oosThreshold', o.oosThreshold >= 0 && o.oosThreshold <= 1, 'a number in [0, 1]');
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
  check('holdoutFraction', o.holdoutFraction > 0 && o.holdoutFraction <= 0.5, 'a number in (0, 0.5]');
  check('longNumberMinDigits', isInt(o.longNumberMinDigits, 1), 'an integer >= 1');
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
