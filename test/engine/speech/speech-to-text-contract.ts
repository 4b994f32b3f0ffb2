import { describe, expect, it } from 'vitest';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import { type SpeechToText, type TranscriptEvent, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { resample } from '../../../engine/speech/resample.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';

const digits = ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A small language: a few store requests and digit strings. */
export const contractLanguage: SpeechLanguage = {
  phrases: [
    { items: ['where', 'is', 'my', 'order'] },
    { items: ['i', 'want', 'to', 'check', 'my', 'order', 'status'] },
    { items: ['what', 'time', 'do', 'you', 'open'] },
    { items: ['cancel'] },
    { items: [{ repeat: { class: 'digit' } }] },
  ],
  classes: { digit: digits.map((d) => [d]) },
};

const wordsOf = (text: string) => text.toLowerCase().replace(/[^a-z' ]/g, ' ').split(/\s+/).filter(Boolean);

async function collect(stt: SpeechToText, chunks: Int16Array[], sampleRate: number, signal?: AbortSignal): Promise<TranscriptEvent[]> {
  const audio = (async function* () {
    for (const chunk of chunks) {
      await new Promise((resolve) => setImmediate(resolve));
      yield chunk;
    }
  })();
  const events: TranscriptEvent[] = [];
  for await (const event of stt.recognize(audio, { sampleRate, language: contractLanguage, ...(signal ? { signal } : {}) })) events.push(event);
  return events;
}

function split(samples: Int16Array, size: number): Int16Array[] {
  const chunks: Int16Array[] = [];
  for (let at = 0; at < samples.length; at += size) chunks.push(samples.slice(at, at + size));
  return chunks;
}

/**
 * The tests every {@link SpeechToText} backend passes, on phrases spoken by espeak-ng: one-shot and streamed
 * recognition of phrases of the language, other sample rates, cancellation, and empty audio.
 */
export function speechToTextContract(name: string, make: () => SpeechToText | Promise<SpeechToText>): void {
  describe(`SpeechToText contract: ${name}`, () => {
    it('transcribes a phrase of the language with a confidence in [0, 1]', async () => {
      const stt = await make();
      const result = await transcribe(stt, spokenAudio('where is my order'), { language: contractLanguage });
      expect(wordsOf(result.text)).toEqual(['where', 'is', 'my', 'order']);
      expect(result.confidence).toBeGreaterThan(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      // Other readings, where the backend has them, are other texts, each once, with confidences in [0, 1].
      const others = (result.alternatives ?? []).map((a) => a.text);
      expect(new Set([result.text, ...others]).size).toBe(others.length + 1);
      for (const { confidence } of result.alternatives ?? []) expect(confidence >= 0 && confidence <= 1).toBe(true);
    });

    it('streams: chunks in, one final transcript last', async () => {
      const stt = await make();
      const audio = spokenAudio('i want to check my order status');
      const events = await collect(stt, split(audio.samples, 3200), audio.sampleRate);
      expect(events.filter((e) => e.type === 'transcript-final')).toHaveLength(1);
      const last = events.at(-1);
      expect(last?.type).toBe('transcript-final');
      expect(wordsOf(last?.text ?? '')).toEqual(['i', 'want', 'to', 'check', 'my', 'order', 'status']);
    });

    it('takes audio at 8 kHz and 48 kHz', async () => {
      const stt = await make();
      const audio = spokenAudio('what time do you open');
      for (const rate of [8000, 48_000]) {
        const result = await transcribe(stt, resample(audio, rate), { language: contractLanguage });
        expect(wordsOf(result.text)).toEqual(['what', 'time', 'do', 'you', 'open']);
      }
    });

    it('stops with an AbortError when its signal aborts', async () => {
      const stt = await make();
      const audio = spokenAudio('where is my order');
      const controller = new AbortController();
      controller.abort();
      await expect(collect(stt, split(audio.samples, 3200), audio.sampleRate, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
      // The backend is still usable afterwards.
      expect(wordsOf((await transcribe(stt, audio, { language: contractLanguage })).text)).toEqual(['where', 'is', 'my', 'order']);
    });

    it('hears nothing in silence', async () => {
      const stt = await make();
      const result = await transcribe(stt, { sampleRate: 16_000, samples: new Int16Array(800) }, { language: contractLanguage });
      expect(result.text).toBe('');
    });
  });
}
