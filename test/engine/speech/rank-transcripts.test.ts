import { describe, expect, it } from 'vitest';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { rankTranscripts } from '../../../engine/speech/rank-transcripts.ts';
import { type SpeechToText, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { recordingSpeech } from './recording-speech.ts';
import { contractLanguage } from './speech-to-text-contract.ts';

let shared: SpeechToText | undefined;
const ngram = (): SpeechToText => {
  // Clean espeak-ng audio without the noise floor: the recognizer is unsure of it, so there are readings to choose from.
  shared ??= createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1, noiseFloorDbfs: false });
  return shared;
};

describe('rankTranscripts over pocketsphinx readings', () => {
  it('pocketsphinx gives other readings of the utterance, distinct and with confidences in [0, 1]', async () => {
    const result = await transcribe(ngram(), spokenAudio('where is my order'), { language: contractLanguage });
    expect(result.alternatives?.length ?? 0).toBeGreaterThan(0);
    const texts = [result.text, ...(result.alternatives ?? []).map((a) => a.text)];
    expect(new Set(texts).size).toBe(texts.length);
    for (const { confidence } of result.alternatives ?? []) expect(confidence >= 0 && confidence <= 1).toBe(true);
  });

  it('picks the reading the listener understands best, and keeps the others as alternatives', async () => {
    const inner = recordingSpeech(ngram());
    let asked = 0;
    // The listener understands only the third reading it is asked about (readings come likeliest first).
    const ranked = rankTranscripts(inner.stt, { understanding: (text) => ({ meaning: text, confidence: asked++ === 2 ? 1 : 0 }) });
    const result = await transcribe(ranked, spokenAudio('where is my order'), { language: contractLanguage });
    const plain = inner.last()!;
    const third = plain.alternatives?.[1]?.text;
    expect(third).toBeDefined();
    expect(result.text).toBe(third);
    expect(result.alternatives?.map((a) => a.text)).toEqual([plain.text, ...(plain.alternatives ?? []).map((a) => a.text).filter((t) => t !== third)]);
  });

  it("keeps the recognizer's likeliest reading of the meaning understood best, or its choice when the listener declines to judge", async () => {
    const audio = spokenAudio('what time do you open');
    // Every reading means the same; a later one is understood more surely, yet the likeliest reading of that meaning stands.
    let asked = 0;
    const inner = recordingSpeech(ngram());
    const alike = await transcribe(rankTranscripts(inner.stt, { understanding: () => ({ meaning: 'same', confidence: asked++ === 0 ? 0.3 : 1 }) }), audio, { language: contractLanguage });
    expect(asked).toBeGreaterThan(1);
    expect(alike.text).toBe(inner.last()?.text);
    let judged = 0;
    const declined = await transcribe(rankTranscripts(inner.stt, { understanding: () => (judged++ === 0 ? undefined : { meaning: 'other', confidence: 1 }) }), audio, { language: contractLanguage });
    expect(declined.text).toBe(inner.last()?.text);
  });

  it('leaves a transcript the listener understands well enough as it is', async () => {
    const inner = recordingSpeech(ngram());
    let asked = 0;
    const understanding = () => ({ meaning: String(asked), confidence: asked++ === 0 ? 0.6 : 1 });
    const result = await transcribe(rankTranscripts(inner.stt, { understanding }), spokenAudio('where is my order'), { language: contractLanguage });
    expect(result.text).toBe(inner.last()?.text);
    expect(asked).toBe(1);
    asked = 0;
    const doubtful = await transcribe(rankTranscripts(inner.stt, { understanding, standsAbove: 0.7 }), spokenAudio('where is my order'), { language: contractLanguage });
    expect(doubtful.text).toBe(inner.last()?.alternatives?.[0]?.text);
  });

  it('leaves a transcript heard as a phrase of the language as it is', async () => {
    const inner = recordingSpeech(createPocketsphinxSpeechToText({ decoding: 'hybrid', decoders: 1, noiseFloorDbfs: false }));
    let asked = 0;
    const ranked = rankTranscripts(inner.stt, { understanding: () => ({ meaning: String(asked), confidence: asked++ === 0 ? 0 : 1 }) });
    const result = await transcribe(ranked, spokenAudio('i want to check my order status'), { language: contractLanguage });
    expect(inner.last()).toMatchObject({ text: 'i want to check my order status', phrase: true });
    expect(inner.last()?.alternatives?.length ?? 0).toBeGreaterThan(0);
    expect(result.text).toBe('i want to check my order status');
    expect(asked).toBe(0);
  });

  it('a reading further down the list needs to be understood clearly better to win', async () => {
    const audio = spokenAudio('where is my order');
    const inner = recordingSpeech(ngram());
    // Each later reading is understood a little better than the first, by less than one place down the list costs.
    let asked = 0;
    const understanding = () => ({ meaning: String(asked), confidence: asked++ === 0 ? 0.3 : 0.31 });
    expect((await transcribe(rankTranscripts(inner.stt, { understanding, rankPenalty: 0.05 }), audio, { language: contractLanguage })).text).toBe(inner.last()?.text);
    asked = 0;
    const free = await transcribe(rankTranscripts(inner.stt, { understanding, rankPenalty: 0 }), audio, { language: contractLanguage });
    expect(free.text).toBe(inner.last()?.alternatives?.[0]?.text);
  });
});
