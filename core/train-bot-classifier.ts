import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { IntentClassifier, IntentClassifierTrainer, TrainingExample } from '../engine/nlu/intent-classifier.ts';
import { createLinearIntentTrainer, type LinearIntentTrainerOptions } from '../engine/nlu/linear-intent-trainer.ts';
import { spanishBackgroundUtterances } from '../engine/nlu/spanish-background-utterances.ts';
import { tokenizeLanguages } from '../engine/nlu/tokenize-utterance.ts';
import { trainingHash } from '../engine/nlu/training-hash.ts';
import type { StartProgress } from './progress-reporter.ts';

/** Options of {@link trainBotClassifier}. */
export interface TrainBotClassifierOptions {
  /** Where trained models are cached by a hash of the examples and trainer. Default: no cache. */
  cacheDir?: string | undefined;
  /** The trainer. Default: parley's linear trainer, set up for `locale` ({@link linearTrainerOptionsFor}). */
  trainer?: IntentClassifierTrainer;
  /** The examples' language (primary subtag). Default "en". */
  locale?: string;
  log: Logger;
  /** Shows the progress of training (not of loading from the cache). Default: nothing is shown. */
  progress?: StartProgress | undefined;
}

/**
 * The linear trainer's settings for examples in `locale`. English keeps the defaults (GloVe word vectors and the
 * CLINC150 off-topic topics, both English). Spanish stems and folds accents and learns off-topic from Spanish
 * utterances; any other language trains on its own n-grams alone: nothing English leaks into its features.
 */
export function linearTrainerOptionsFor(locale: string): Partial<LinearIntentTrainerOptions> {
  if (locale === 'en') return {};
  return {
    language: tokenizeLanguages[locale] ?? 0,
    wordVectors: null,
    backgroundTopics: null,
    backgroundUtterances: locale === 'es' ? spanishBackgroundUtterances : [],
  };
}

/** Each bot's out-of-scope threshold is chosen from its own examples (`LinearIntentTrainerOptions.oosThreshold`). */
const perBotThreshold = { oosThreshold: 'auto' } as const;

const fraction = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 1000);

/** Says at every start which out-of-scope threshold the bot's classifier uses and what it is expected to trade. */
function reportAbstention(classifier: IntentClassifier, log: Logger): void {
  const a = classifier.abstention;
  if (!a) return;
  log.info(
    {
      threshold: fraction(a.threshold),
      expectedInScopeAcceptance: fraction(a.inScopeAcceptance),
      expectedOffTopicRejection: fraction(a.offTopicRejection),
      generalOffTopicRejection: fraction(a.topicRejection),
      unknownIntentRejection: fraction(a.unknownIntentRejection),
    },
    'out-of-scope threshold chosen by cross-validation on the examples',
  );
}

/**
 * Trains the bot's classifier from its skills' examples, or loads the one trained before from the same
 * examples (cache keyed by content hash), so a restart does not retrain. Logs the out-of-scope threshold chosen
 * for the bot with its expected in-scope acceptance and off-topic rejection.
 */
export async function trainBotClassifier(examples: readonly TrainingExample[], options: TrainBotClassifierOptions): Promise<IntentClassifier> {
  const trainer = options.trainer ?? createLinearIntentTrainer({ ...perBotThreshold, ...linearTrainerOptionsFor(options.locale ?? 'en') });
  const hash = trainingHash(examples, { provider: trainer.provider, settings: trainer.settings, seed: 1 });
  const file = options.cacheDir ? join(options.cacheDir, `classifier-${trainer.provider}-${hash.slice(0, 16)}.json`) : undefined;
  if (file) {
    try {
      const classifier = trainer.load(JSON.parse(await readFile(file, 'utf8')));
      options.log.debug({ file }, 'intent classifier loaded from cache');
      reportAbstention(classifier, options.log);
      return classifier;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.log.warn({ err: error, file }, 'cached classifier unreadable; retraining');
    }
  }
  const started = performance.now();
  const progress = options.progress?.('training intent classifier');
  let classifier: IntentClassifier;
  try {
    classifier = await trainer.train(examples, { onProgress: (fraction) => progress?.update(fraction) });
  } finally {
    progress?.done();
  }
  options.log.info({ examples: examples.length, intents: classifier.intents.length, trainMs: Math.round(performance.now() - started) }, 'intent classifier trained');
  reportAbstention(classifier, options.log);
  if (file && options.cacheDir) {
    await mkdir(options.cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(classifier.serialize()));
    await rename(temporary, file);
  }
  return classifier;
}
