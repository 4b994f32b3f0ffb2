import { join } from 'node:path';
import type { SpeechToText, TranscriptEvent } from '../speech-to-text.ts';
import { resample } from '../resample.ts';
import { compileJsgf } from './compile-jsgf.ts';
import { createPool } from './decoder-pool.ts';
import { debianPocketsphinxModelDir, loadPocketsphinxLibrary, type PocketsphinxLibrary } from './pocketsphinx-library.ts';
import { readDictionaryWords } from './pronouncing-dictionary.ts';

/** Options of {@link createPocketsphinxSpeechToText}. */
export interface PocketsphinxOptions {
  /** Directory with the acoustic model (`en-us/`), `cmudict-en-us.dict` and `en-us.lm.bin`. Default Debian's. */
  modelDir?: string;
  /** Decoders kept for recognitions running at once (each holds the model, ~40 MB). Default 2. */
  decoders?: number;
  /** Extra decoder arguments, e.g. `['-beam', '1e-60']`. Default none. */
  decoderArgs?: readonly string[];
  /**
   * A statistical language model file (ARPA or binary) to decode with instead of the grammar of the
   * {@link SpeechLanguage} — e.g. one trained from the bot's generated corpus. Default: the grammar.
   */
  languageModelFile?: string;
}

/** The defaults of {@link PocketsphinxOptions}. */
export const defaultPocketsphinxOptions = { modelDir: debianPocketsphinxModelDir, decoders: 2 };

/** Audio shorter than this many samples at 16 kHz (0.1 s) is not decoded: there is no word in it. */
const minimumSamples = 1600;
/** Path score per 10 ms frame at which confidence falls to 1/e; scores of good matches lie near -20 to -40. */
const scorePerFrameScale = 60;

interface Decoder {
  handle: unknown;
  /** Searches added to this decoder, by grammar text. */
  searches: Map<string, string>;
}

/**
 * Speech recognition with pocketsphinx in-process (libpocketsphinx.so.3 through koffi). With a
 * {@link SpeechLanguage} it decodes against that grammar only (closed vocabulary: what the bot can understand
 * now), which is what makes an embedded recognizer usable; without one it falls back to the generic US English
 * model (most words wrong). Partial transcripts follow the audio chunk by chunk. Throws
 * `SpeechUnavailableError` (with the install command) when pocketsphinx is not installed.
 *
 * Decoding runs on the event loop: about 20 ms per second of speech.
 */
export function createPocketsphinxSpeechToText(options: PocketsphinxOptions = {}): SpeechToText {
  const settings = { ...defaultPocketsphinxOptions, ...options };
  const lib: PocketsphinxLibrary = loadPocketsphinxLibrary(settings.modelDir);
  const dictionary = join(settings.modelDir, 'cmudict-en-us.dict');
  const words = readDictionaryWords(dictionary);
  const args = [
    '-hmm', join(settings.modelDir, 'en-us'),
    '-dict', dictionary,
    '-lm', settings.languageModelFile ?? join(settings.modelDir, 'en-us.lm.bin'),
    // Digital silence (synthetic or gated audio) breaks the decoder's segmentation without dither.
    '-dither', 'yes',
    '-remove_noise', 'no',
    ...(settings.decoderArgs ?? []),
  ];
  // The first decoder is made now, so a broken installation fails at start, not in a conversation.
  let first: unknown = lib.createDecoder(args);
  const pool = createPool<Decoder>(settings.decoders, () => {
    const handle = first ?? lib.createDecoder(args);
    first = undefined;
    return { handle, searches: new Map() };
  });

  const searchFor = (decoder: Decoder, jsgf: string | undefined): string => {
    if (jsgf === undefined || settings.languageModelFile) return 'lm';
    let name = decoder.searches.get(jsgf);
    if (!name) {
      name = `g${decoder.searches.size + 1}`;
      if (!lib.setJsgf(decoder.handle, name, jsgf)) throw new Error('pocketsphinx refused the grammar built from the bot');
      decoder.searches.set(jsgf, name);
    }
    return name;
  };

  return {
    provider: 'pocketsphinx',
    closedVocabulary: true,
    async *recognize(audio, recognizeOptions): AsyncGenerator<TranscriptEvent> {
      const { signal, language, sampleRate } = recognizeOptions;
      signal?.throwIfAborted();
      const jsgf = language ? compileJsgf(language, (w) => words.has(w)).jsgf : undefined;
      const { item: decoder, release } = await pool.acquire();
      let started = false;
      try {
        if (!lib.setSearch(decoder.handle, searchFor(decoder, jsgf))) throw new Error('pocketsphinx could not switch its search');
        lib.startUtterance(decoder.handle);
        started = true;
        let total = 0;
        let partial = '';
        for await (const chunk of audio) {
          signal?.throwIfAborted();
          const samples = resample({ sampleRate, samples: chunk }, 16_000).samples;
          if (samples.length === 0) continue;
          total += samples.length;
          lib.processRaw(decoder.handle, samples, false);
          const { text } = lib.hypothesis(decoder.handle);
          if (text !== partial) {
            partial = text;
            yield { type: 'transcript-partial', text };
          }
        }
        signal?.throwIfAborted();
        lib.endUtterance(decoder.handle);
        started = false;
        const { text, score } = lib.hypothesis(decoder.handle);
        const frames = Math.max(1, lib.frames(decoder.handle));
        const heard = total >= minimumSamples ? text.trim() : '';
        yield { type: 'transcript-final', text: heard, confidence: heard ? Math.exp(score / frames / scorePerFrameScale) : 0 };
      } finally {
        if (started) lib.endUtterance(decoder.handle);
        release();
      }
    },
  };
}
