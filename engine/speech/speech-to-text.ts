import type { PcmAudio } from './pcm-audio.ts';
import type { SpeechLanguage } from './speech-language.ts';

/** One event of a recognition stream. */
export type TranscriptEvent =
  /** The best guess so far; later events may change it. */
  | { type: 'transcript-partial'; text: string }
  /**
   * The utterance's transcript; the last event of a stream. Empty text: nothing was recognized. `alternatives`,
   * where the backend has them, are other readings of the same audio, likeliest first (the N-best list);
   * `phrase` is true when the text is one of the {@link SpeechLanguage}'s phrases, heard as such (a grammar match);
   * `words`, where the backend has them, are the words of all its readings with their posterior probabilities.
   */
  | ({ type: 'transcript-final' } & Transcript);

/**
 * A word the recognizer considered anywhere in the utterance, with the probability that it was said (its share of
 * the recognizer's whole hypothesis space, its lattice), in [0, 1].
 */
export interface WordPosterior {
  word: string;
  posterior: number;
  /** Where its likeliest occurrence starts, in milliseconds from the start of the utterance. */
  startMs: number;
}

/**
 * Another reading of an utterance, with how sure the recognizer is of it in [0, 1]. `posterior`, where the backend
 * can tell, is its probability among the backend's N-best readings of the same search (they sum to at most 1);
 * unlike `confidence` it can be compared between readings.
 */
export interface TranscriptAlternative {
  text: string;
  confidence: number;
  posterior?: number;
}

/** Options of one recognition. */
export interface RecognizeOptions {
  /** Sample rate of every chunk, in Hz. Backends take at least 8000 to 48000. */
  sampleRate: number;
  /** What the user is likely to say now; grammar backends need it, others use it as a hint. Default: open. */
  language?: SpeechLanguage;
  /** BCP 47 locale of the speech. Default "en". */
  locale?: string;
  /** Aborting ends the stream with an `AbortError`-named error. */
  signal?: AbortSignal;
}

/** The final transcript of one utterance. */
export interface Transcript {
  text: string;
  /** How sure the recognizer is, in [0, 1]. */
  confidence: number;
  /** Its probability among the backend's N-best readings, where the backend can tell. */
  posterior?: number;
  /** Other readings, likeliest first, where the backend has them. */
  alternatives?: readonly TranscriptAlternative[];
  /** Whether the text is one of the language's phrases, heard as such. */
  phrase?: boolean;
  /** Every word the recognizer considered, with its posterior probability, likeliest first, where the backend has them. */
  words?: readonly WordPosterior[];
}

/**
 * Speech recognition. Audio chunks (16-bit PCM, mono) go in as an async iterable; partial transcripts may come
 * out while they arrive and one `transcript-final` comes when the audio ends. Backends: `pocketsphinx`
 * (in-process, decodes against the {@link SpeechLanguage}), `openai` (`POST /v1/audio/transcriptions`).
 * All pass `test/engine/speech/speech-to-text-contract.ts`.
 */
export interface SpeechToText {
  /** Backend id, e.g. "pocketsphinx", "openai". */
  readonly provider: string;
  /** Whether the backend can only hear what a {@link SpeechLanguage} allows (so free text cannot be spoken). */
  readonly closedVocabulary: boolean;
  recognize(audio: AsyncIterable<Int16Array>, options: RecognizeOptions): AsyncIterable<TranscriptEvent>;
}

/**
 * Transcribes one whole utterance: {@link SpeechToText.recognize} on a single chunk, returning the final
 * transcript.
 *
 * @example
 * const { text, confidence } = await transcribe(stt, { sampleRate: 16000, samples }, { language });
 */
export async function transcribe(
  stt: SpeechToText,
  audio: PcmAudio,
  options: Omit<RecognizeOptions, 'sampleRate'> = {},
): Promise<Transcript> {
  const chunks = (async function* () {
    yield audio.samples;
  })();
  let final: Transcript | undefined;
  for await (const event of stt.recognize(chunks, { ...options, sampleRate: audio.sampleRate }))
    if (event.type === 'transcript-final') {
      const { type: _, ...transcript } = event;
      final = transcript;
    }
  if (!final) throw new Error(`the ${stt.provider} recognizer ended without a final transcript`);
  return final;
}
