import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitsAnswer, botSpeechLanguage } from '../../../channels/voice/bot-speech-language.ts';
import { intentRankedSpeech } from '../../../channels/voice/intent-ranked-speech.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { type SpeechToText, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../../engine/speech/spoken-digits.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { recordingSpeech } from '../../engine/speech/recording-speech.ts';

let acme: LoadedBot;
let ngram: SpeechToText;
beforeAll(async () => {
  acme = await loadAcme({ knowledge: false });
  ngram = createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1 });
});
afterAll(() => acme.bot.close());

const orderNumber = { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' } as const;

describe('recognition ranked by what the bot understands', { timeout: 60_000 }, () => {
  it('knows which languages wait for an answer', () => {
    expect(awaitsAnswer(botSpeechLanguage(acme.bot.registry))).toBe(false);
    expect(awaitsAnswer(botSpeechLanguage(acme.bot.registry, orderNumber))).toBe(true);
    expect(awaitsAnswer(undefined)).toBe(false);
  });

  it("takes the reading whose intent the bot's classifier is surest of, the likeliest of that intent", async () => {
    const language = botSpeechLanguage(acme.bot.registry);
    const audio = spokenAudio('I would like my money back for this kettle', { voice: 'en-gb', wordsPerMinute: 170 });
    const inner = recordingSpeech(ngram);
    const ranked = await transcribe(intentRankedSpeech(inner.stt, acme.bot.classifier), audio, { language });
    const plain = inner.last()!;
    const readings = [plain.text, ...(plain.alternatives ?? []).map((a) => a.text)];
    const predictions = readings.map((text) => acme.bot.classifier.classify(spokenDigitsToText(text)));
    const surely = predictions.map((p) => (p.intent === null ? 0 : p.confidence));
    // A reading the bot understands at least half surely stands; otherwise the best-understood intent wins.
    const scores = surely.map((c, place) => c - 0.02 * place);
    const best = surely[0]! >= 0.5 ? predictions[0]!.intent : predictions[scores.indexOf(Math.max(...scores))]!.intent;
    expect(ranked.text).toBe(readings[predictions.findIndex((p) => p.intent === best)]);
    expect(acme.bot.classifier.classify(spokenDigitsToText(ranked.text)).intent).toBe(best);
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
