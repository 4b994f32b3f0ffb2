import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitsAnswer, botSpeechLanguage } from '../../../channels/voice/bot-speech-language.ts';
import { intentRankedSpeech } from '../../../channels/voice/intent-ranked-speech.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { type SpeechToText, type Transcript, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../../engine/speech/spoken-digits.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { recordingSpeech } from '../../engine/speech/recording-speech.ts';

let acme: LoadedBot;
let ngram: SpeechToText;
beforeAll(async () => {
  acme = await loadAcme({ knowledge: false });
  // Clean espeak-ng audio without the noise floor: the recognizer is unsure of it, so there are readings to choose from.
  ngram = createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1, noiseFloorDbfs: false });
});
afterAll(() => acme.bot.close());

/**
 * What intentRankedSpeech should hand on: unless the bot understands the transcript surely (0.7), each intent
 * gathers its probability in every reading (the first 11), weighted by the square root of the reading's posterior (a
 * reading without one weighs as the heaviest); the likeliest intent's likeliest reading wins.
 */
function marginalChoice(plain: Transcript): string {
  const readings = [{ text: plain.text, posterior: plain.posterior }, ...(plain.alternatives ?? [])].slice(0, 11);
  const predictions = readings.map((r) => acme.bot.classifier.classify(spokenDigitsToText(r.text)));
  if (predictions[0]!.intent !== null && predictions[0]!.confidence >= 0.7) return plain.text;
  const given = readings.flatMap((r) => (r.posterior === undefined ? [] : [Math.sqrt(r.posterior)]));
  const mass = new Map<string, number>();
  predictions.forEach((p, place) => {
    const posterior = readings[place]!.posterior;
    const weight = posterior === undefined ? Math.max(...given) : Math.sqrt(posterior);
    if (!p.outOfScope) for (const { intent, confidence } of p.ranking) mass.set(intent, (mass.get(intent) ?? 0) + weight * confidence);
  });
  const likeliest = [...mass].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const place = predictions.findIndex((p) => p.intent === likeliest);
  return readings[Math.max(0, place)]!.text;
}

const orderNumber = { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' } as const;

describe('recognition ranked by what the bot understands', { timeout: 60_000 }, () => {
  it('knows which languages wait for an answer', () => {
    expect(awaitsAnswer(botSpeechLanguage(acme.bot.registry))).toBe(false);
    expect(awaitsAnswer(botSpeechLanguage(acme.bot.registry, orderNumber))).toBe(true);
    expect(awaitsAnswer(undefined)).toBe(false);
  });

  it("takes the intent likeliest over all the readings, each classifier ranking weighted by the recognizer's posterior, and its likeliest reading", async () => {
    const language = botSpeechLanguage(acme.bot.registry);
    // Paraphrases pocketsphinx half hears, each with its intent; decoded in this order (the decoder adapts to what it
    // heard before), the second is heard as "put me", which the bot does not understand, and recovered as a greeting.
    const heard = [
      { text: 'I would like my money back for this kettle', intent: 'return_item', voice: 'en-gb', wordsPerMinute: 170 },
      { text: 'good evening to you', intent: 'greet', voice: 'en-us', wordsPerMinute: 190 },
    ];
    let recovered = 0;
    for (const { text, intent, voice, wordsPerMinute } of heard) {
      const inner = recordingSpeech(ngram);
      const ranked = await transcribe(intentRankedSpeech(inner.stt, acme.bot.classifier), spokenAudio(text, { voice, wordsPerMinute }), { language });
      const plain = inner.last()!;
      expect(ranked.text, text).toBe(marginalChoice(plain));
      const intentOf = (reading: string) => acme.bot.classifier.classify(spokenDigitsToText(reading)).intent;
      if (intentOf(ranked.text) === intent && intentOf(plain.text) !== intent) recovered++;
    }
    // The choice is not idle: some of these paraphrases are understood only thanks to it.
    expect(recovered).toBeGreaterThan(0);
  });

  it("keeps the recognizer's reading while the bot waits for an answer", async () => {
    const language = botSpeechLanguage(acme.bot.registry, orderNumber);
    const audio = spokenAudio('it is four five two one zero');
    const inner = recordingSpeech(ngram);
    const ranked = await transcribe(intentRankedSpeech(inner.stt, acme.bot.classifier), audio, { language });
    expect(ranked.text).toBe(inner.last()?.text);
    expect(spokenDigitsToText(ranked.text)).toMatch(/45210/);
  });
});
