import { describe, expect, it } from 'vitest';
import { type GradedUnderstanding, marginalTranscripts } from '../../../engine/speech/marginal-transcripts.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { type SpeechToText, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { recordingSpeech } from './recording-speech.ts';
import { contractLanguage } from './speech-to-text-contract.ts';
import { replaySpeech } from '../../support/replay-speech.ts';

let shared: SpeechToText | undefined;
const ngram = (): SpeechToText => {
  // Clean espeak-ng audio without the noise floor: the recognizer is unsure of it, so there are readings to weigh.
  shared ??= createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1, wordPosteriors: true, noiseFloorDbfs: false });
  return shared;
};

/** A listener that makes of the n-th reading it is asked about what `byPlace(n)` says. */
function scripted(byPlace: (place: number) => GradedUnderstanding): () => GradedUnderstanding {
  let asked = 0;
  return () => byPlace(asked++);
}

const audio = () => spokenAudio('where is my order');

describe('marginalTranscripts over pocketsphinx readings', { timeout: 60_000 }, () => {
  it("gives pocketsphinx's N-best readings posteriors, likeliest first, summing to at most 1, and the lattice's words on request", async () => {
    const result = await transcribe(ngram(), audio(), { language: contractLanguage });
    const posteriors = (result.alternatives ?? []).map((a) => a.posterior);
    expect(posteriors.length).toBeGreaterThan(2);
    for (const p of posteriors) expect(p !== undefined && p >= 0 && p <= 1).toBe(true);
    const listed = posteriors as number[];
    expect(listed).toEqual([...listed].sort((a, b) => b - a));
    expect(listed.reduce((a, b) => a + b, 0) + (result.posterior ?? 0)).toBeLessThanOrEqual(1 + 1e-9);
    const words = new Map((result.words ?? []).map((w) => [w.word, w]));
    for (const word of result.text.split(' ')) expect(words.get(word)?.posterior ?? 0, word).toBeGreaterThan(0);
    for (const { posterior, startMs } of words.values()) expect(posterior >= 0 && posterior <= 1 && startMs >= 0).toBe(true);
    const plain = await transcribe(createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1, noiseFloorDbfs: false }), audio(), { language: contractLanguage });
    expect(plain.words).toBeUndefined();
  });

  it('chooses the meaning likeliest over all readings, not the one reading understood surest', async () => {
    const inner = recordingSpeech(ngram());
    // The top reading means c; the second is surest, of b; every later one half means a, and each also leans to a.
    const understanding = scripted((place) =>
      place === 0
        ? { meaning: 'c', confidence: 0.3, ranking: [{ meaning: 'c', confidence: 0.3 }, { meaning: 'a', confidence: 0.25 }] }
        : place === 1
          ? { meaning: 'b', confidence: 0.6, ranking: [{ meaning: 'b', confidence: 0.6 }, { meaning: 'a', confidence: 0.3 }] }
          : { meaning: 'a', confidence: 0.55, ranking: [{ meaning: 'a', confidence: 0.55 }, { meaning: 'b', confidence: 0.1 }] },
    );
    const result = await transcribe(marginalTranscripts(inner.stt, { understanding, sharpness: 0 }), audio(), { language: contractLanguage });
    const plain = inner.last()!;
    const third = plain.alternatives?.[1];
    expect(third).toBeDefined();
    expect(result.text).toBe(third?.text);
    expect(result.posterior).toBe(third?.posterior);
    expect(result.alternatives?.map((a) => a.text)).toEqual([plain.text, ...(plain.alternatives ?? []).map((a) => a.text).filter((t) => t !== third?.text)]);
  });

  it("weighs each reading by the recognizer's posterior for it", async () => {
    const heard = await transcribe(ngram(), audio(), { language: contractLanguage });
    const readings = heard.alternatives ?? [];
    expect(readings.length).toBeGreaterThan(2);
    // Every reading means something of its own, equally surely: the heaviest reading's meaning wins.
    const understanding = scripted((place) => ({ meaning: `m${place}`, confidence: 0.4, ranking: [{ meaning: `m${place}`, confidence: 0.4 }] }));
    const favoured = { ...heard, posterior: 0.05, alternatives: readings.map((r, i) => ({ ...r, posterior: i === 2 ? 0.6 : 0.05 })) };
    expect((await transcribe(marginalTranscripts(replaySpeech(favoured), { understanding }), audio())).text).toBe(readings[2]!.text);
    // Weighed alike, the tie goes to the likeliest reading: the transcript stands.
    const alike = scripted((place) => ({ meaning: `m${place}`, confidence: 0.4, ranking: [{ meaning: `m${place}`, confidence: 0.4 }] }));
    expect((await transcribe(marginalTranscripts(replaySpeech(favoured), { understanding: alike, sharpness: 0 }), audio())).text).toBe(heard.text);
  });

  it('leaves a transcript understood surely enough, a phrase of the language, or a declined judgement as it is', async () => {
    const heard = await transcribe(ngram(), audio(), { language: contractLanguage });
    const later = (confidence: number) =>
      scripted((place) => (place === 0 ? { meaning: 'x', confidence, ranking: [{ meaning: 'x', confidence }] } : { meaning: 'y', confidence: 0.9, ranking: [{ meaning: 'y', confidence: 0.9 }] }));
    // Readings weighed alike, so only the standing threshold (0.7 by default) keeps the transcript.
    expect((await transcribe(marginalTranscripts(replaySpeech(heard), { understanding: later(0.75), sharpness: 0 }), audio())).text).toBe(heard.text);
    expect((await transcribe(marginalTranscripts(replaySpeech(heard), { understanding: later(0.65), sharpness: 0 }), audio())).text).toBe(heard.alternatives?.[0]?.text);
    expect((await transcribe(marginalTranscripts(replaySpeech({ ...heard, phrase: true }), { understanding: later(0) }), audio())).text).toBe(heard.text);
    expect((await transcribe(marginalTranscripts(replaySpeech(heard), { understanding: () => undefined }), audio())).text).toBe(heard.text);
  });
});
