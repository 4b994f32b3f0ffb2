import type { SpeechEvent, TextToSpeech } from '../text-to-speech.ts';
import { splitSentences } from '../split-sentences.ts';
import { type EspeakWorker, loadEspeakWorker } from './espeak-module.ts';

/** Options of {@link createEspeakTextToSpeech}. */
export interface EspeakOptions {
  /** espeak-ng voice, e.g. "en-us", "en-gb". Default "en-us". */
  voice?: string;
  /** Speaking rate in words per minute. Default 165. */
  wordsPerMinute?: number;
}

/** The defaults of {@link EspeakOptions}. */
export const defaultEspeakOptions = { voice: 'en-us', wordsPerMinute: 165 };

/**
 * Speech synthesis with espeak-ng compiled to WASM (`@echogarden/espeak-ng-emscripten`), in-process: 22,050 Hz
 * audio with word timings, sentence by sentence, so the first audio of a long text comes after its first
 * sentence (a few tens of milliseconds). Aborting stops after the chunk being made.
 */
export function createEspeakTextToSpeech(options: EspeakOptions = {}): TextToSpeech {
  const settings = { ...defaultEspeakOptions, ...options };
  // One WASM instance serves every conversation; a synthesis runs to its end before the next starts.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(run: (worker: EspeakWorker) => T): Promise<T> => {
    const next = queue.then(async () => run(await loadEspeakWorker()));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    provider: 'espeak',
    async *synthesize(text, synthOptions = {}): AsyncGenerator<SpeechEvent> {
      const { signal } = synthOptions;
      const voice = synthOptions.voice ?? settings.voice;
      let offsetMs = 0;
      let cursor = 0;
      for (const sentence of splitSentences(text)) {
        const sentenceStart = Math.max(cursor, text.indexOf(sentence, cursor));
        cursor = sentenceStart + sentence.length;
        signal?.throwIfAborted();
        const made = await exclusive((worker) => {
          if (worker.set_voice(voice) !== 0) throw new RangeError(`espeak-ng has no voice "${voice}"`);
          worker.set_rate(settings.wordsPerMinute);
          const sampleRate = worker.get_samplerate();
          const chunks: Int16Array[] = [];
          const words: Array<{ text: string; startMs: number; offset: number }> = [];
          worker.synthesize(sentence, (samples, events) => {
            chunks.push(samples.slice());
            for (const e of events)
              if (e.type === 'word') words.push({ text: sentence.slice(e.text_position - 1, e.text_position - 1 + e.word_length), startMs: e.audio_position, offset: e.text_position - 1 });
            return signal?.aborted ?? false;
          });
          return { sampleRate, chunks, words };
        });
        signal?.throwIfAborted();
        const samples = made.chunks.reduce((n, c) => n + c.length, 0);
        const sentenceMs = (samples / made.sampleRate) * 1000;
        for (const [i, word] of made.words.entries()) {
          const endMs = made.words[i + 1]?.startMs ?? sentenceMs;
          yield { type: 'word', text: word.text, startMs: offsetMs + word.startMs, endMs: offsetMs + Math.max(word.startMs, endMs), offset: sentenceStart + word.offset };
        }
        for (const chunk of made.chunks) if (chunk.length > 0) yield { type: 'audio', samples: chunk, sampleRate: made.sampleRate };
        offsetMs += sentenceMs;
      }
    },
  };
}
