import { describe, expect, it } from 'vitest';
import { loadPocketsphinxLibrary } from '../../../engine/speech/pocketsphinx/pocketsphinx-library.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import { type TranscriptEvent, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';

// The hybrid recognizer decodes its grammar as the audio streams (#19): after the last chunk only the searches'
// ends are left, never a second pass over the utterance — but for a grammar decoder's first two seconds of speech,
// which it reads once more with the utterance's own cepstral mean.

const digits = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const language: SpeechLanguage = {
  phrases: [
    { items: ['where', 'is', 'my', 'order'] },
    { items: ['i', 'want', 'to', 'check', 'my', 'order', 'status'] },
    { items: ['my', 'order', 'number', 'is', { repeat: { class: 'digit' } }] },
    { items: ['what', 'time', 'does', 'the', 'store', 'close'] },
    { items: [{ repeat: { class: 'digit' } }] },
  ],
  classes: { digit: digits.map((d) => [d]) },
};
const phrases = ['i want to check my order status', 'my order number is four five two one zero', 'what time does the store close'];

/** The 16 kHz samples `text` spoken, cut into the widget's 128 ms chunks. */
function chunksOf(text: string): Int16Array[] {
  const { samples } = spokenAudio(text);
  const chunks: Int16Array[] = [];
  for (let at = 0; at < samples.length; at += 2048) chunks.push(samples.slice(at, at + 2048));
  return chunks;
}

/** Counts the samples pocketsphinx decodes, and how many of them after the audio stream ended. */
function countDecodedSamples(): { total: number; afterEnd: number; ended: boolean; restore(): void } {
  const lib = loadPocketsphinxLibrary();
  const original = lib.processRaw;
  const counts = {
    total: 0,
    afterEnd: 0,
    ended: false,
    restore: () => {
      lib.processRaw = original;
    },
  };
  lib.processRaw = (decoder, samples, full) => {
    counts.total += samples.length;
    if (counts.ended) counts.afterEnd += samples.length;
    original(decoder, samples, full);
  };
  return counts;
}

describe('pocketsphinx hybrid decoding, streamed', () => {
  it('decodes nothing again once the audio has ended (after a cold start), and hears the same phrase as the grammar on the whole utterance', async () => {
    const hybrid = createPocketsphinxSpeechToText({ decoding: 'hybrid', decoders: 1 });
    const grammar = createPocketsphinxSpeechToText({ decoding: 'grammar', decoders: 1 });
    for (const [i, text] of phrases.entries()) {
      const chunks = chunksOf(text);
      const samples = chunks.reduce((n, c) => n + c.length, 0);
      const counts = countDecodedSamples();
      const events: TranscriptEvent[] = [];
      try {
        const audio = (async function* () {
          for (const chunk of chunks) yield chunk;
          counts.ended = true;
        })();
        for await (const event of hybrid.recognize(audio, { sampleRate: 16_000, language })) events.push(event);
      } finally {
        counts.restore();
      }
      // Both searches read each sample once, as it came; a fresh grammar decoder once more at the end.
      expect(counts.total).toBe((i === 0 ? 3 : 2) * samples);
      expect(counts.afterEnd).toBe(i === 0 ? samples : 0);
      const final = events.at(-1);
      expect(final?.type === 'transcript-final' && final.phrase).toBe(true);
      const whole = await transcribe(grammar, spokenAudio(text), { language });
      expect(final?.type === 'transcript-final' ? final.text : '').toBe(whole.text);
      expect(whole.text).toBe(text);
    }
  });

  it('runs recognitions at once on one decoder pair each without waiting on each other forever', async () => {
    const hybrid = createPocketsphinxSpeechToText({ decoding: 'hybrid', decoders: 1 });
    const results = await Promise.all(phrases.map((text) => transcribe(hybrid, spokenAudio(text), { language })));
    expect(results.map((r) => r.text)).toEqual(phrases);
  });
});
