import { detectAll } from 'tinyld';
import type { IntentClassifierTrainer, TrainingExample } from './intent-classifier.ts';
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
  const trainer =
    options.trainer ??
    createLinearIntentTrainer({ wordVectors: null, backgroundTopics: null, backgroundUtterances: [], oosThreshold: 0, unseenWordWeight: 0 });
  const labelled: TrainingExample[] = Object.entries(examples).flatMap(([locale, texts]) => texts.map((text) => ({ text, intent: locale })));
  const classifier = await trainer.train(labelled, { seed: 1 });
  return {
    provider: 'examples',
    detect(text) {
      if (sharedOnly.test(text)) return null;
      const [best] = classifier.classify(text).ranking;
      return best ? { locale: best.intent, confidence: best.confidence } : null;
    },
  };
}
