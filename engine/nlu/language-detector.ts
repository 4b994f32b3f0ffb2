import { detectAll } from 'tinyld';
import type { IntentClassifier, IntentClassifierTrainer, TrainingExample } from './intent-classifier.ts';
import { createLinearIntentTrainer } from './linear-intent-trainer.ts';

/** A language read in a message, with how sure the reader is (in [0, 1]). */
export interface LanguageGuess {
  /** Primary language subtag, one of the detector's locales ("en", "es"). */
  locale: string;
  confidence: number;
}

/** Tells which of a bot's languages a message is written in. */
export interface LanguageDetector {
  /** Implementation id: "tinyld" or "examples". */
  readonly provider: string;
  /** The best of the detector's locales, or null when the text says nothing about its language ("ok", "12345"). */
  detect(text: string): LanguageGuess | null;
}

/**
 * A detector over tinyld's general-purpose n-gram profiles, limited to `locales`. Good on sentences, weak on the
 * one- and two-word messages customers send ("hola" gives nothing, "bye" reads as Spanish).
 */
export function createTinyldDetector(locales: readonly string[]): LanguageDetector {
  return {
    provider: 'tinyld',
    detect(text) {
      const [best] = detectAll(text, { only: [...locales] });
      return best ? { locale: best.lang, confidence: best.accuracy } : null;
    },
  };
}

/** Options of {@link trainExampleLanguageDetector}. */
export interface ExampleLanguageDetectorOptions {
  /** The trainer. Default: parley's linear trainer on character and word n-grams, without word vectors or background. */
  trainer?: IntentClassifierTrainer;
}

/** Words and digits every language shares: a message of only these says nothing about its language. */
const sharedOnly = /^[\s\p{N}\p{P}\p{S}]*(?:(?:ok(?:ay)?|no|bye|hey|si|email|e-mail)[\s\p{N}\p{P}\p{S}]*)?$/iu;

/**
 * A detector trained on the bot's own examples, each labelled with its language: it learns the words the bot's
 * customers use ("hola", "pedido", "devolver") in each language, so short messages are read well. A message of
 * digits, punctuation or a word both languages use ("ok", "no") gets null.
 */
export async function trainExampleLanguageDetector(
  examples: Readonly<Record<string, readonly string[]>>,
  options: ExampleLanguageDetectorOptions = {},
): Promise<LanguageDetector> {
  const trainer = options.trainer ?? createLinearIntentTrainer(languageDetectorTrainerOptions);
  return exampleLanguageDetector(await trainer.train(languageExamples(examples), { seed: 1 }));
}

/**
 * The linear trainer's settings for a language detector: n-grams alone (no word vectors, no off-topic
 * background), every message gets a language, and words never seen do not lower the confidence.
 */
export const languageDetectorTrainerOptions = {
  wordVectors: null,
  backgroundTopics: null,
  backgroundUtterances: [],
  oosThreshold: 0,
  unseenWordWeight: 0,
} as const;

/** Examples of each language as training examples whose "intent" is the language. */
export function languageExamples(examples: Readonly<Record<string, readonly string[]>>): TrainingExample[] {
  return Object.entries(examples).flatMap(([locale, texts]) => texts.map((text) => ({ text, intent: locale })));
}

/** The detector of a classifier trained on {@link languageExamples} (e.g. loaded from a cache). */
export function exampleLanguageDetector(classifier: IntentClassifier): LanguageDetector {
  return {
    provider: 'examples',
    detect(text) {
      if (sharedOnly.test(text)) return null;
      const [best] = classifier.classify(text).ranking;
      return best ? { locale: best.intent, confidence: best.confidence } : null;
    },
  };
}
