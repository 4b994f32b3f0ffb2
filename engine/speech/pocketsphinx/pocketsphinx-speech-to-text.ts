import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandLanguage } from '../expand-language.ts';
import { languageWords, type SpeechLanguage } from '../speech-language.ts';
import type { SpeechToText, TranscriptAlternative, TranscriptEvent } from '../speech-to-text.ts';
import { resample } from '../resample.ts';
import { createLevelNormalizer } from '../level-normalizer.ts';
import { createNoiseFloor } from '../noise-floor.ts';
import { spokenDigitsToText } from '../spoken-digits.ts';
import { compileJsgf } from './compile-jsgf.ts';
import { createPool } from './decoder-pool.ts';
import { debianPocketsphinxModelDir, loadPocketsphinxLibrary, type PocketsphinxLibrary } from './pocketsphinx-library.ts';
import { readPronunciations } from './pronouncing-dictionary.ts';
import { writeArpa } from './write-arpa.ts';

/** Options of {@link createPocketsphinxSpeechToText}. */
export interface PocketsphinxOptions {
  /** Directory with the acoustic model (`en-us/`), `cmudict-en-us.dict` and `en-us.lm.bin`. Default Debian's. */
  modelDir?: string;
  /**
   * Recognitions decoded at once; more wait their turn. Each holds a decoder (the acoustic model, ~40 MB), `hybrid`
   * two. Default 2.
   */
  decoders?: number;
  /** Extra decoder arguments, e.g. `['-beam', '1e-60']`; one of parley's own (`-dither`, `-remove_noise`) is replaced. Default none. */
  decoderArgs?: readonly string[];
  /**
   * How a {@link SpeechLanguage} is decoded: `ngram`, a trigram language model trained on sentences of the
   * language (recovers paraphrases made of its words); `grammar`, a JSGF grammar of its phrases (exact phrases
   * only, nothing when the speech is not one); `hybrid`, both side by side as the audio streams (the partial
   * transcripts are the n-gram model's), and the grammar's phrase wins when the two mostly agree. Both search as
   * the audio comes, so little is left to decode when the utterance ends. Default `hybrid` (docs/voice.md has the
   * measurements).
   */
  decoding?: 'ngram' | 'grammar' | 'hybrid';
  /** Directory for the language models made from languages. Default: `parley-pocketsphinx` in the system's temp dir. */
  cacheDir?: string;
  /**
   * Other readings given with the final transcript (`alternatives`): up to this many from the n-gram search's
   * lattice (its N-best list), plus the grammar's phrase. A listener may pick the one it understands best
   * (`rankTranscripts`). Default 10; 0 gives none.
   */
  alternatives?: number;
  /**
   * Copies of each of the language's `corpus` sentences in the n-gram model's training text, against the
   * sentences expanded from its phrases: a mix of counts, so a whole number; 0 leaves the corpus out. Default 0.
   */
  corpusWeight?: number;
  /**
   * Give the final transcript the `words` of the n-gram search's whole lattice with their posteriors (a
   * forward-backward pass over the lattice, milliseconds). Nothing in parley's voice channel uses them (a bag of the
   * likely words as one more reading did not help: docs/voice.md); for listeners of your own. Default false.
   */
  wordPosteriors?: boolean;
  /**
   * Level of the pink noise laid under every utterance once it is brought to a common level, in dBFS (RMS), or
   * false for none. pocketsphinx hears clean digital audio (synthetic speech, gated or noise-suppressed audio) far
   * worse than the same audio with a recording's room tone under it (docs/voice.md, "Checked with real-world
   * audio"). Default -50, about 30 dB under speech; a recording with its own floor that loud gets little or nothing.
   */
  noiseFloorDbfs?: number | false;
}

/** The defaults of {@link PocketsphinxOptions}. */
export const defaultPocketsphinxOptions = {
  modelDir: debianPocketsphinxModelDir,
  decoders: 2,
  decoding: 'hybrid' as 'ngram' | 'grammar' | 'hybrid',
  cacheDir: join(tmpdir(), 'parley-pocketsphinx'),
  alternatives: 10,
  corpusWeight: 0,
  wordPosteriors: false,
  noiseFloorDbfs: -50 as number | false,
};

/** Audio shorter than this many samples at 16 kHz (0.1 s) is not decoded: there is no word in it. */
const minimumSamples = 1600;
/** Path score per 10 ms frame at which confidence falls to 1/e; scores of good matches lie near -20 to -40. */
const scorePerFrameScale = 60;
/**
 * Natural log units per unit of a path score: pocketsphinx's scores are in base-1.0001 logarithms (its `-logbase`)
 * shifted down by 10 bits.
 */
const natsPerScore = 1024 * Math.log(1.0001);
/** The acoustic scale of its lattice posteriors (1 / `-ascale`, 20 by default), applied to the N-best posteriors too. */
const acousticScale = 1 / 20;

/** A search for a language: its key (grammar text or model file) and how to add it to a decoder. */
interface Search {
  kind: 'ngram' | 'grammar';
  key: string;
  /** The words it needs in the decoder's dictionary. */
  words: string[];
  add: (decoder: Decoder, name: string) => boolean;
}

/** What a language is decoded with: `stream` as the audio comes; `exact`, when set, once more at the end. */
interface Searches {
  stream: Search;
  exact?: Search;
}

/** Share of the grammar's words the n-gram guess must also have heard for the grammar's phrase to win. */
const minimumAgreement = 0.5;

/** The share of `exact`'s words that `guess` has too (each word counted as often as it occurs in both). */
function agreement(exact: string, guess: string): number {
  const left = new Map<string, number>();
  for (const word of guess.split(' ')) left.set(word, (left.get(word) ?? 0) + 1);
  const words = exact.split(' ');
  let shared = 0;
  for (const word of words) {
    const n = left.get(word) ?? 0;
    if (n > 0) {
      shared++;
      left.set(word, n - 1);
    }
  }
  return shared / words.length;
}

interface Decoder {
  handle: unknown;
  /** Searches added to this decoder, by grammar text or model file. */
  searches: Map<string, string>;
  /** Words added to its dictionary. */
  words: Set<string>;
  /** Samples of audio it has decoded, at 16 kHz. */
  decoded: number;
}

/**
 * A grammar decoder that has heard less than this (2 s at 16 kHz) has no cepstral mean of earlier speech yet: it
 * normalizes with the model's initial one, and a phrase it hears streaming may be off ("oh i want to check …").
 */
const coldSamples = 32_000;

/**
 * How far an utterance's end may move a decoder's cepstral mean (Euclidean, over its 13 values) before the utterance
 * is taken to come through another channel and is decoded again. Measured on espeak-ng's voices: another sentence or
 * voice moves it up to about 12, pink noise at 20 dB about 7, a telephone band 20 to 30, a fresh decoder about 70.
 */
const channelShift = 18;

/** How little a reading again must move the mean for the utterance's channel to count as settled. */
const settledShift = 6;

/** How far a settled decoder's mean moves towards an utterance from another channel, as a share of the way. */
const channelAdaptation = 0.2;

/** Most times an utterance from another channel is read again. */
const maxChannelPasses = 2;

/** `base` with `extra` after it, each `-name value` pair of `extra` replacing the same name's in `base` (pocketsphinx refuses a name given twice). */
function withArgs(base: readonly string[], extra: readonly string[]): string[] {
  const given = new Set(extra.filter((_, i) => i % 2 === 0));
  const kept: string[] = [];
  for (let i = 0; i + 1 < base.length; i += 2) if (!given.has(base[i]!)) kept.push(base[i]!, base[i + 1]!);
  return [...kept, ...extra];
}

function meanShift(before: Float32Array | undefined, after: Float32Array | undefined): number {
  if (!before || !after) return 0;
  return Math.hypot(...before.map((b, i) => after[i]! - b));
}

/**
 * Speech recognition with pocketsphinx in-process (libpocketsphinx.so.3 through koffi). It decodes against
 * models made from the {@link SpeechLanguage} only (closed vocabulary: what the bot can understand now), which is
 * what makes an embedded recognizer usable; without a language it hears nothing. Partial transcripts follow the
 * audio chunk by chunk; the confidence is a rough measure from the path score per 10 ms frame. Throws
 * `SpeechUnavailableError` (with the install command) when pocketsphinx is not installed.
 *
 * Decoding runs on the event loop (tens of milliseconds per utterance on an idle core); a new language costs a
 * model build once (milliseconds for a bot's few hundred words).
 */
export function createPocketsphinxSpeechToText(options: PocketsphinxOptions = {}): SpeechToText {
  const settings = { ...defaultPocketsphinxOptions, ...options };
  const lib: PocketsphinxLibrary = loadPocketsphinxLibrary(settings.modelDir);
  const pronunciations = readPronunciations(join(settings.modelDir, 'cmudict-en-us.dict'));
  const words = { has: (word: string) => pronunciations.has(word) };
  const args = [
    '-hmm', join(settings.modelDir, 'en-us'),
    // The decoder starts with a few words and learns each language's words as it meets them: searches over the
    // whole 135,000-word dictionary take seconds to build, over a bot's few hundred words milliseconds.
    '-dict', starterDictionary(settings.cacheDir, pronunciations),
    // Digital silence (synthetic or gated audio) breaks the decoder's segmentation without dither.
    '-dither', 'yes',
    '-remove_noise', 'no',
  ];
  // With the grammar's phrase as the second opinion, `hybrid`'s n-gram search skips its flat-lexicon pass, which
  // would read the whole utterance again once it ended (100 to 250 ms; docs/voice.md has the accuracy measured).
  const streamArgs = withArgs([...args, ...(settings.decoding === 'hybrid' ? ['-fwdflat', 'no'] : [])], settings.decoderArgs ?? []);
  const exactArgs = withArgs(args, settings.decoderArgs ?? []);
  // The first decoder is made now, so a broken installation fails at start, not in a conversation.
  let first: unknown = lib.createDecoder(streamArgs);
  const makeDecoder = (decoderArgs: readonly string[]) => (): Decoder => {
    const handle = (decoderArgs === streamArgs ? first : undefined) ?? lib.createDecoder(decoderArgs);
    if (decoderArgs === streamArgs) first = undefined;
    return { handle, searches: new Map(), words: new Set(starterWords), decoded: 0 };
  };
  // `hybrid` decodes its two searches side by side as the audio streams, on a decoder of each pool; a recognition
  // takes its stream decoder before its exact one, so recognitions waiting on each other cannot deadlock.
  const streamPool = createPool<Decoder>(settings.decoders, makeDecoder(streamArgs));
  const exactPool = createPool<Decoder>(settings.decoders, makeDecoder(exactArgs));

  const prepared = new WeakMap<SpeechLanguage, Searches>();
  const prepare = (language: SpeechLanguage | undefined): Searches | undefined => {
    if (!language) return undefined;
    let searches = prepared.get(language);
    if (!searches) {
      searches =
        settings.decoding === 'grammar'
          ? { stream: grammarSearch(language) }
          : { stream: ngramSearch(language), ...(settings.decoding === 'hybrid' ? { exact: grammarSearch(language) } : {}) };
      prepared.set(language, searches);
    }
    return searches;
  };
  const grammarSearch = (language: SpeechLanguage): Search => {
    const { jsgf } = compileJsgf(language, (w) => words.has(w));
    return { kind: 'grammar', key: jsgf, words: [...languageWords(language)].filter((w) => words.has(w)), add: (decoder, name) => lib.setJsgf(decoder.handle, name, jsgf) };
  };
  const ngramSearch = (language: SpeechLanguage): Search => {
    // The vocabulary is the dictionary's: a sentence with a word it cannot pronounce (a typo) is left out.
    const sentences = [...expandLanguage(language), ...corpusSentences(language, settings.corpusWeight)].filter((sentence) => sentence.every((w) => words.has(w)));
    const arpa = writeArpa(sentences);
    const file = join(settings.cacheDir, `${createHash('sha256').update(arpa).digest('hex').slice(0, 32)}.arpa`);
    if (!modelFiles.has(file)) {
      mkdirSync(settings.cacheDir, { recursive: true });
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, arpa);
      renameSync(partial, file);
      modelFiles.add(file);
    }
    return { kind: 'ngram', key: file, words: [...new Set(sentences.flat())], add: (decoder, name) => lib.setLmFile(decoder.handle, name, file) };
  };
  const modelFiles = new Set<string>();
  const searchFor = (decoder: Decoder, search: Search): string => {
    let name = decoder.searches.get(search.key);
    if (!name) {
      const missing = search.words.filter((w) => !decoder.words.has(w));
      for (const word of missing) {
        for (const [n, phones] of (pronunciations.get(word) ?? []).entries())
          lib.addWord(decoder.handle, n === 0 ? word : `${word}(${n + 1})`, phones, false);
        decoder.words.add(word);
      }
      name = `s${decoder.searches.size + 1}`;
      if (!search.add(decoder, name)) throw new Error('pocketsphinx refused the grammar or model built from the language');
      decoder.searches.set(search.key, name);
    }
    return name;
  };

  return {
    provider: 'pocketsphinx',
    closedVocabulary: true,
    async *recognize(audio, recognizeOptions): AsyncGenerator<TranscriptEvent> {
      const { signal, language, sampleRate } = recognizeOptions;
      signal?.throwIfAborted();
      const searches = prepare(language);
      if (!searches) {
        // Without a language there is nothing this recognizer can tell apart.
        for await (const _ of audio) signal?.throwIfAborted();
        yield { type: 'transcript-final', text: '', confidence: 0 };
        return;
      }
      const decoders: Array<{ decoder: Decoder; release: () => void; started: boolean }> = [];
      const decodeWith = async (pool: typeof streamPool, search: Search) => {
        const { item: decoder, release } = await pool.acquire();
        const lent = { decoder, release, started: false };
        decoders.push(lent);
        if (!lib.setSearch(decoder.handle, searchFor(decoder, search))) throw new Error('pocketsphinx could not switch its search');
        lib.startUtterance(decoder.handle);
        lent.started = true;
        return lent;
      };
      const confidence = (text: string, score: number, frames: number) => (text ? Math.exp(score / Math.max(1, frames) / scorePerFrameScale) : 0);
      const finish = (lent: { decoder: Decoder; started: boolean }) => {
        lib.endUtterance(lent.decoder.handle);
        lent.started = false;
        const { text, score } = lib.hypothesis(lent.decoder.handle);
        return { text: text.trim(), confidence: confidence(text.trim(), score, lib.frames(lent.decoder.handle)) };
      };
      const nbest = (decoder: Decoder, search: Search): TranscriptAlternative[] => {
        if (settings.alternatives <= 0 || search.kind !== 'ngram') return [];
        const frames = lib.frames(decoder.handle);
        const list = lib.nbest(decoder.handle, settings.alternatives);
        const best = Math.max(...list.map((r) => r.score));
        const weights = list.map((r) => Math.exp((r.score - best) * natsPerScore * acousticScale));
        const total = weights.reduce((a, b) => a + b, 0);
        return list.map(({ text, score }, i) => ({ text, confidence: confidence(text, score, frames), posterior: weights[i]! / total }));
      };
      /**
       * The words so far: the n-gram guess, or the grammar's phrase where it holds more of a number read out and the
       * two mostly share their words both ways (as "four zero two one one" and "four zero two want want" do), so a
       * partial holds every digit of the answer the bot awaits (an order number) as soon as the grammar hears it.
       * Otherwise the guess: a phrase forced onto a sentence mid-way ("i want to return this" for "i want to do it my
       * order status") would flip with the guess from chunk to chunk and stand for words the user did not say.
       */
      const partialOf = (streamDecoder: Decoder, exactDecoder: Decoder | undefined): string => {
        const guess = lib.hypothesis(streamDecoder.handle).text.trim();
        if (!exactDecoder) return guess;
        const phrase = lib.hypothesis(exactDecoder.handle).text.trim();
        const holdsMoreDigits = digitCount(phrase) > digitCount(guess);
        return holdsMoreDigits && agreement(phrase, guess) >= minimumAgreement && agreement(guess, phrase) >= minimumAgreement ? phrase : guess;
      };
      try {
        const stream = await decodeWith(streamPool, searches.stream);
        // The grammar reads the same audio as it comes, so only its last frames are left when the utterance ends.
        const exact = searches.exact ? await decodeWith(exactPool, searches.exact) : undefined;
        const cold = exact !== undefined && exact.decoder.decoded < coldSamples;
        const startMeans = decoders.map((lent) => lib.cepstralMean(lent.decoder.handle));
        const heard: Int16Array[] = [];
        let total = 0;
        let partial = '';
        const level = createLevelNormalizer(16_000);
        const floor = settings.noiseFloorDbfs === false ? (samples: Int16Array) => samples : createNoiseFloor({ levelDbfs: settings.noiseFloorDbfs });
        for await (const chunk of audio) {
          signal?.throwIfAborted();
          const samples = floor(level(resample({ sampleRate, samples: chunk }, 16_000).samples));
          if (samples.length === 0) continue;
          total += samples.length;
          lib.processRaw(stream.decoder.handle, samples, false);
          if (exact) lib.processRaw(exact.decoder.handle, samples, false);
          heard.push(samples);
          const text = partialOf(stream.decoder, exact?.decoder);
          if (text !== partial) {
            partial = text;
            yield { type: 'transcript-partial', text };
          }
        }
        signal?.throwIfAborted();
        let result: TranscriptAlternative = finish(stream);
        let exactResult = exact ? finish(exact) : undefined;
        // Its end moved the decoder's mean towards this utterance's. Where that moved it far, the utterance came through
        // another channel than the one before (a telephone line after a headset, another recorder): it is read again
        // with the mean it moved to, until the mean settles (at most twice). A decoder that had settled on its callers'
        // channel then moves only a fifth of the way towards this one, so one odd caller barely changes how the next
        // is heard, while callers who all changed channel move it over a few utterances. A fresh decoder's mean is the
        // model's, far from any caller's: it keeps what it learns, and a fresh grammar decoder reads the utterance again.
        const settle = (lent: (typeof decoders)[number], first: TranscriptAlternative, force: boolean): TranscriptAlternative => {
          const start = startMeans[decoders.indexOf(lent)];
          let before = start;
          let result = first;
          let passes = 0;
          // A fresh decoder's first utterances move its mean far from the model's whatever the channel: only a settled
          // one tells another channel apart.
          const settledBefore = lent.decoder.decoded >= coldSamples;
          for (; passes < maxChannelPasses && total >= minimumSamples && (settledBefore || (force && passes === 0)); passes++) {
            const after = lib.cepstralMean(lent.decoder.handle);
            if (!(force && passes === 0) && meanShift(before, after) <= (passes === 0 ? channelShift : settledShift)) break;
            before = after;
            lib.startUtterance(lent.decoder.handle);
            lent.started = true;
            for (const samples of heard) lib.processRaw(lent.decoder.handle, samples, false);
            result = finish(lent);
          }
          const settled = lib.cepstralMean(lent.decoder.handle);
          if (passes > 0 && start && settled && settledBefore)
            lib.setCepstralMean(lent.decoder.handle, start.map((s, i) => s + channelAdaptation * (settled[i]! - s)));
          return result;
        };
        result = settle(stream, result, false);
        if (exact && exactResult) exactResult = settle(exact, exactResult, cold);
        for (const lent of decoders) lent.decoder.decoded += total;
        if (total < minimumSamples) {
          yield { type: 'transcript-final', text: '', confidence: 0 };
          return;
        }
        const others = nbest(stream.decoder, searches.stream);
        const posterior = others.find((r) => r.text === result.text)?.posterior;
        if (posterior !== undefined) result = { ...result, posterior };
        const readings: TranscriptAlternative[] = [result, ...others];
        // pocketsphinx's frames are 10 ms.
        const words = settings.wordPosteriors && searches.stream.kind === 'ngram' ? lib.wordPosteriors(stream.decoder.handle).map(({ word, posterior, startFrame }) => ({ word, posterior, startMs: startFrame * 10 })) : [];
        // A grammar's reading is a phrase of the language by construction.
        let phrase = searches.stream.kind === 'grammar' && result.text !== '';
        if (exactResult) {
          // A phrase of the language beats the statistical guess when the two mostly agree: the grammar fixes the
          // guess's small slips, but forced onto speech it does not hold it picks any phrase (often digits).
          readings.push(exactResult);
          if (exactResult.text && agreement(exactResult.text, result.text) >= minimumAgreement) {
            result = exactResult;
            phrase = true;
          }
        }
        const alternatives = distinctReadings(readings).filter(({ text }) => text !== result.text);
        yield { type: 'transcript-final', ...result, ...(alternatives.length > 0 ? { alternatives } : {}), ...(phrase ? { phrase } : {}), ...(words.length > 0 ? { words } : {}) };
      } finally {
        for (const lent of decoders) {
          if (lent.started) lib.endUtterance(lent.decoder.handle);
          lent.release();
        }
      }
    },
  };
}

/** The language's corpus as sentences, each `weight` times. */
function corpusSentences(language: SpeechLanguage, weight: number): string[][] {
  if (!language.corpus || weight <= 0) return [];
  const corpus = { classes: language.classes, phrases: language.corpus.map((p) => ({ items: p.items, weight: (p.weight ?? 1) * weight })) };
  return expandLanguage(corpus, { perPhrase: 1 });
}

/** Readings with text, each text once, in the order given. */
function distinctReadings(readings: readonly TranscriptAlternative[]): TranscriptAlternative[] {
  const seen = new Set<string>();
  return readings.filter(({ text }) => text !== '' && !seen.has(text) && Boolean(seen.add(text)));
}

/** How many digits the spoken digit runs of `text` hold ("four zero two want want": 3). */
function digitCount(text: string): number {
  return spokenDigitsToText(text).replace(/\D/g, '').length;
}

/** The words every decoder starts with. */
const starterWords = ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'yes', 'no'];

/** Writes the dictionary of {@link starterWords} into `dir` and returns its path. */
function starterDictionary(dir: string, pronunciations: ReadonlyMap<string, readonly string[]>): string {
  const lines = starterWords.flatMap((word) => (pronunciations.get(word) ?? []).map((phones, n) => `${n === 0 ? word : `${word}(${n + 1})`} ${phones}`));
  const text = `${lines.join('\n')}\n`;
  const file = join(dir, `starter-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.dict`);
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, text);
  renameSync(partial, file);
  return file;
}
