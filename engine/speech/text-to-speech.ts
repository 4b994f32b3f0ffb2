/** One event of a synthesis stream, in the order of the audio. */
export type SpeechEvent =
  /** A chunk of audio: 16-bit PCM, mono. */
  | { type: 'audio'; samples: Int16Array; sampleRate: number }
  /**
   * A word and where it is in the audio, in milliseconds from the start of this synthesis; only backends that
   * know (espeak-ng) send them.
   */
  | {
      type: 'word';
      text: string;
      startMs: number;
      endMs: number;
      /** Where the word starts in the synthesized text, in UTF-16 code units, when the backend knows. */
      offset?: number;
    };

/** Options of one synthesis. */
export interface SynthesizeOptions {
  /** Backend voice name; default the backend's. */
  voice?: string;
  /** Aborting stops synthesis; the stream ends with an `AbortError`-named error. */
  signal?: AbortSignal;
}

/**
 * Speech synthesis: text in, audio chunks out (with word timings where the engine has them). Backends: `espeak`
 * (espeak-ng in WASM, in-process), `openai` (`POST /v1/audio/speech`). All pass
 * `test/engine/speech/text-to-speech-contract.ts`.
 */
export interface TextToSpeech {
  /** Backend id, e.g. "espeak", "openai". */
  readonly provider: string;
  synthesize(text: string, options?: SynthesizeOptions): AsyncIterable<SpeechEvent>;
}
