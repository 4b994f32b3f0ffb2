import type { TrainingExample } from '../../../engine/nlu/intent-classifier.ts';
import type { PcmAudio } from '../../../engine/speech/pcm-audio.ts';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import { transcribe, type SpeechToText } from '../../../engine/speech/speech-to-text.ts';
import { spellDigits } from '../../../engine/speech/spell-digits.ts';
import { spokenDigitsToText } from '../../../engine/speech/spoken-digits.ts';
import type { TextToSpeech } from '../../../engine/speech/text-to-speech.ts';

/** A synthetic speaker: a voice of the speech synthesizer and how fast it speaks. */
export interface TrainingVoice {
  /** Synthesizer voice name, e.g. espeak-ng's "en-us+m3". */
  voice: string;
  /** Speaking rate in words per minute. */
  wordsPerMinute: number;
}

/** What the recognizer heard when one example was spoken by one voice. */
export interface SpokenReading {
  /** The example as written. */
  text: string;
  intent: string;
  /** `voice@wordsPerMinute`. */
  voice: string;
  /** The final transcript first, then its alternatives (N-best list, grammar phrase), digits as digits; may be empty. */
  readings: string[];
}

/** Options of {@link decodeSpokenReadings}. */
export interface DecodeSpokenReadingsOptions {
  examples: readonly TrainingExample[];
  voices: readonly TrainingVoice[];
  /** A synthesizer speaking at the voice's rate (a new espeak-ng instance per rate, say). */
  ttsFor: (voice: TrainingVoice) => TextToSpeech;
  stt: SpeechToText;
  /** What the recognizer listens for: the bot's language, as the voice channel builds it between questions. */
  language: SpeechLanguage;
  /** Silence added before and after the speech, in seconds, as a voice activity detector leaves it. Default 0.2. */
  padS?: number;
  /** Called after each example is decoded with every voice, with the share done in [0, 1]. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The defaults of {@link DecodeSpokenReadingsOptions}. */
export const defaultDecodeSpokenReadingsOptions = { padS: 0.2 };

/** The whole synthesis of `text`, one chunk, with `padS` seconds of silence either side. */
export async function synthesizeAll(tts: TextToSpeech, text: string, voice: string, padS: number, signal?: AbortSignal): Promise<PcmAudio> {
  const chunks: Int16Array[] = [];
  let sampleRate = 16_000;
  for await (const event of tts.synthesize(text, { voice, ...(signal ? { signal } : {}) }))
    if (event.type === 'audio') {
      chunks.push(event.samples);
      sampleRate = event.sampleRate;
    }
  const pad = Math.round(padS * sampleRate);
  const samples = new Int16Array(pad * 2 + chunks.reduce((n, c) => n + c.length, 0));
  let at = pad;
  for (const chunk of chunks) {
    samples.set(chunk, at);
    at += chunk.length;
  }
  return { sampleRate, samples };
}

/**
 * Every example spoken by every voice and decoded by the bot's own recognizer: what the recognizer makes of the
 * bot's phrasings, mishearings included. Digits are spoken one by one (as order numbers are read out) and the
 * readings' spoken digit runs turned back into digits, as the voice channel does before a turn.
 */
export async function decodeSpokenReadings(options: DecodeSpokenReadingsOptions): Promise<SpokenReading[]> {
  const padS = options.padS ?? defaultDecodeSpokenReadingsOptions.padS;
  const synthesizers = options.voices.map((voice) => ({ voice, tts: options.ttsFor(voice) }));
  const readings: SpokenReading[] = [];
  for (const [index, example] of options.examples.entries()) {
    const said = example.text.replace(/\d+/g, (digits) => ` ${spellDigits(digits)} `);
    for (const { voice, tts } of synthesizers) {
      options.signal?.throwIfAborted();
      const audio = await synthesizeAll(tts, said, voice.voice, padS, options.signal);
      const heard = await transcribe(options.stt, audio, { language: options.language, ...(options.signal ? { signal: options.signal } : {}) });
      const texts = [heard.text, ...(heard.alternatives ?? []).map((a) => a.text)].map((t) => spokenDigitsToText(t));
      readings.push({ text: example.text, intent: example.intent, voice: `${voice.voice}@${voice.wordsPerMinute}`, readings: texts });
    }
    options.onProgress?.((index + 1) / options.examples.length);
  }
  return readings;
}
