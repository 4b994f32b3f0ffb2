import { describe, expect, it } from 'vitest';
import { loadPocketsphinxLibrary } from '../../../engine/speech/pocketsphinx/pocketsphinx-library.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import { transcribe } from '../../../engine/speech/speech-to-text.ts';
import { encodeWav, parseWav } from '../../../engine/speech/wav.ts';
import { soxVariant } from '../../channels/voice/sox-variant.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';

// pocketsphinx carries its cepstral mean from one utterance to the next; an utterance through another channel (a
// telephone line after wideband audio) is read again with the mean its end moved to.

const language: SpeechLanguage = {
  phrases: [{ items: ['i', 'want', 'to', 'check', 'my', 'order', 'status'] }, { items: ['what', 'time', 'does', 'the', 'store', 'close'] }, { items: ['where', 'is', 'my', 'order'] }],
  classes: {},
};

describe('pocketsphinx and the audio channel', { timeout: 60_000 }, () => {
  it("reads and sets a decoder's cepstral mean, a fresh one's being its model's -cmninit", () => {
    const lib = loadPocketsphinxLibrary();
    const m = '/usr/share/pocketsphinx/model/en-us';
    const decoder = lib.createDecoder(['-hmm', `${m}/en-us`, '-dict', `${m}/cmudict-en-us.dict`, '-lm', `${m}/en-us.lm.bin`]);
    const mean = lib.cepstralMean(decoder);
    expect(mean?.[0]).toBeCloseTo(41, 1);
    expect(mean?.[12]).toBeCloseTo(1.17, 1);
    lib.setCepstralMean(decoder, new Float32Array(13).fill(3));
    expect([...(lib.cepstralMean(decoder) ?? [])]).toEqual(new Array(13).fill(3));
  });

  it('reads a telephone-band utterance again once its end shows another channel, and the next wideband one not', async () => {
    // Without the noise floor, which lays the same room tone under both channels and hides part of the difference.
    const stt = createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1, noiseFloorDbfs: false });
    const lib = loadPocketsphinxLibrary();
    const original = lib.processRaw;
    let decoded = 0;
    lib.processRaw = (decoder, samples, full) => {
      decoded += samples.length;
      original(decoder, samples, full);
    };
    /** 16 kHz samples pocketsphinx read for `audio`, as a multiple of its length at 16 kHz. */
    const readsOf = async (audio: { sampleRate: number; samples: Int16Array }) => {
      decoded = 0;
      const transcript = await transcribe(stt, audio, { language });
      return { reads: decoded / Math.floor(audio.samples.length * (16_000 / audio.sampleRate)), text: transcript.text };
    };
    try {
      for (const text of ['where is my order', 'what time does the store close', 'i want to check my order status']) await readsOf(spokenAudio(text));
      const wide = await readsOf(spokenAudio('where is my order'));
      expect(wide.reads).toBeCloseTo(1, 1);
      const telephone = parseWav(soxVariant(encodeWav(spokenAudio('i want to check my order status')), ['-r', '8000'], ['sinc', '300-3400']));
      const narrow = await readsOf(telephone);
      expect(narrow.reads).toBeGreaterThan(1.9);
      const after = await readsOf(spokenAudio('what time does the store close'));
      expect(after.reads).toBeCloseTo(1, 1);
    } finally {
      lib.processRaw = original;
    }
  });
});
