import type { Logger } from 'pino';
import { trainBotClassifier } from '../../../core/train-bot-classifier.ts';
import type { IntentClassifier, IntentClassifierTrainer, TrainingExample } from '../../../engine/nlu/intent-classifier.ts';
import { createEspeakTextToSpeech } from '../../../engine/speech/espeak/espeak-text-to-speech.ts';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import type { SpeechToText } from '../../../engine/speech/speech-to-text.ts';
import type { TextToSpeech } from '../../../engine/speech/text-to-speech.ts';
import { loadSpokenReadings, saveSpokenReadings, type SpokenReadingsKey } from './spoken-readings-cache.ts';
import { decodeSpokenReadings, type SpokenReading, type TrainingVoice } from './spoken-readings.ts';

/** Options of {@link trainSpokenIntentClassifier} and {@link loadSpokenIntentClassifier}. */
export interface SpokenIntentClassifierOptions {
  /** The bot's intent examples (`registry.examples()`). */
  examples: readonly TrainingExample[];
  /** What the recognizer listens for between questions: `botSpeechLanguage(registry)`. */
  language: SpeechLanguage;
  /** The bot's own recognizer, with its N-best `alternatives` on. */
  stt: SpeechToText;
  /**
   * The recognizer's settings (JSON), part of the cache key: readings decoded with other settings are not reused.
   * Default `stt.provider` alone.
   */
  recognizer?: unknown;
  /** Who speaks the examples. Default {@link defaultTrainingVoices}. */
  voices?: readonly TrainingVoice[];
  /** A synthesizer for a voice. Default espeak-ng in WASM at the voice's rate. */
  ttsFor?: (voice: TrainingVoice) => TextToSpeech;
  /**
   * Readings of each utterance trained on: the final transcript and the next ones of the N-best list. Default 10 (all
   * the recognizer gives): on the tuning paraphrases, voting over 10 readings, 83.3 % against 80.3 % with 3 and 77.3 % with 1 (docs/voice.md).
   */
  readingsPerUtterance?: number;
  /** Where readings and the trained model are kept (the bot's cache directory). Default: not kept. */
  cacheDir?: string;
  /** The intent trainer. Default: the bot's own (parley's linear trainer, as `trainBotClassifier` sets it up). */
  trainer?: IntentClassifierTrainer;
  log: Logger;
  /** Called while decoding with the share done in [0, 1]. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * espeak-ng voices and rates that speak the examples for training: other voices than the speech benchmark's
 * (`en-us` and `en-gb` at 150 and 190 words a minute), so the benchmark measures speakers the classifier never heard.
 */
export const defaultTrainingVoices: readonly TrainingVoice[] = [
  { voice: 'en-us+m3', wordsPerMinute: 170 },
  { voice: 'en-gb-scotland', wordsPerMinute: 165 },
];

/** The defaults of {@link SpokenIntentClassifierOptions}. */
export const defaultSpokenIntentClassifierOptions = { voices: defaultTrainingVoices, readingsPerUtterance: 10 };

const keyOf = (options: SpokenIntentClassifierOptions): SpokenReadingsKey => ({
  examples: options.examples,
  language: options.language,
  voices: options.voices ?? defaultSpokenIntentClassifierOptions.voices,
  recognizer: options.recognizer ?? options.stt.provider,
});

/** The examples with what the recognizer heard when each was spoken, each reading labelled with its example's intent. */
export function spokenTrainingExamples(examples: readonly TrainingExample[], readings: readonly SpokenReading[], perUtterance: number): TrainingExample[] {
  const seen = new Set(examples.map((e) => `${e.intent}\u0000${e.text.toLowerCase()}`));
  const heard: TrainingExample[] = [];
  for (const reading of readings)
    for (const text of reading.readings.slice(0, perUtterance)) {
      const key = `${reading.intent}\u0000${text}`;
      if (text === '' || seen.has(key)) continue;
      seen.add(key);
      heard.push({ text, intent: reading.intent });
    }
  return [...examples, ...heard];
}

async function trainOn(readings: readonly SpokenReading[], options: SpokenIntentClassifierOptions): Promise<IntentClassifier> {
  const perUtterance = options.readingsPerUtterance ?? defaultSpokenIntentClassifierOptions.readingsPerUtterance;
  return trainBotClassifier(spokenTrainingExamples(options.examples, readings, perUtterance), {
    cacheDir: options.cacheDir,
    log: options.log,
    ...(options.trainer ? { trainer: options.trainer } : {}),
  });
}

/**
 * The speech-side intent classifier from readings decoded before (by {@link trainSpokenIntentClassifier}), or
 * undefined when there are none for this bot, language, voices and recognizer: nothing is decoded at start-up.
 */
export async function loadSpokenIntentClassifier(options: SpokenIntentClassifierOptions): Promise<IntentClassifier | undefined> {
  if (!options.cacheDir) return undefined;
  const readings = await loadSpokenReadings(options.cacheDir, keyOf(options));
  return readings ? trainOn(readings, options) : undefined;
}

/**
 * Trains an intent classifier on what the bot's recognizer hears, the standard fix for a recognizer that mishears:
 * every example is spoken by synthetic voices, decoded by the bot's own recognizer, and its readings (mishearings
 * included) join the examples, labelled with the example's intent. The readings are kept in `cacheDir` by a hash of
 * the examples, language, voices and recognizer, so the next call (and {@link loadSpokenIntentClassifier} at start)
 * decodes nothing. Decoding takes about 0.4 s per example and voice on a busy core (the Acme bot: 10 minutes).
 */
export async function trainSpokenIntentClassifier(options: SpokenIntentClassifierOptions): Promise<IntentClassifier> {
  const key = keyOf(options);
  let readings = options.cacheDir ? await loadSpokenReadings(options.cacheDir, key) : undefined;
  if (!readings) {
    const started = performance.now();
    readings = await decodeSpokenReadings({
      examples: options.examples,
      voices: key.voices,
      ttsFor: options.ttsFor ?? ((voice) => createEspeakTextToSpeech({ wordsPerMinute: voice.wordsPerMinute })),
      stt: options.stt,
      language: options.language,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const file = options.cacheDir ? await saveSpokenReadings(options.cacheDir, key, readings) : undefined;
    options.log.info({ utterances: readings.length, decodeMs: Math.round(performance.now() - started), file }, 'examples spoken and decoded for the speech-side intent classifier');
  }
  return trainOn(readings, options);
}
