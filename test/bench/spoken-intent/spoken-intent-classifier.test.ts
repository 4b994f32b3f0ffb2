import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botSpeechLanguage } from '../../../channels/voice/bot-speech-language.ts';
import { spokenReadingsFile } from './spoken-readings-cache.ts';
import type { SpokenReading } from './spoken-readings.ts';
import { loadSpokenIntentClassifier, trainSpokenIntentClassifier, type SpokenIntentClassifierOptions } from './train-spoken-intent-classifier.ts';
import { createSkillRegistry } from '../../../core/skill-registry.ts';
import { trainBotClassifier } from '../../../core/train-bot-classifier.ts';
import type { IntentClassifier } from '../../../engine/nlu/intent-classifier.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import type { SpeechToText } from '../../../engine/speech/speech-to-text.ts';
import { defineSkill } from '../../../skills/define-skill.ts';
import { spokenIntentSpeech } from './spoken-intent-speech.ts';
import { transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { recordingSpeech } from '../../engine/speech/recording-speech.ts';

const skill = defineSkill({
  name: 'shop',
  intents: {
    track_order: { examples: ['where is my order', 'track my package', 'has my parcel shipped yet', 'when will my order arrive'], response: 'Tracking.' },
    opening_hours: { examples: ['what time do you open', 'when are you open', 'what are your opening hours', 'are you open on sunday'], response: 'Nine to five.' },
    return_item: { examples: ['i want to return an item', 'how do i send something back', 'can i get a refund', 'i want my money back'], response: 'Returns.' },
    greet: { examples: ['hello', 'hi there', 'good morning', 'hey how are you'], response: 'Hello!' },
  },
});
const registry = createSkillRegistry([skill]);
const examples = registry.examples();
const language = botSpeechLanguage(registry);
const log = pino({ level: 'silent' });
const voices = [{ voice: 'en-gb-scotland', wordsPerMinute: 190 }];

/** A recognizer that counts its recognitions. */
function countingSpeech(stt: SpeechToText): { stt: SpeechToText; count: () => number } {
  let count = 0;
  return {
    count: () => count,
    stt: {
      provider: stt.provider,
      closedVocabulary: stt.closedVocabulary,
      recognize(audio, options) {
        count++;
        return stt.recognize(audio, options);
      },
    },
  };
}

let cacheDir: string;
let recognizer: ReturnType<typeof countingSpeech>;
let textClassifier: IntentClassifier;
beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'parley-spoken-intent-'));
  recognizer = countingSpeech(createPocketsphinxSpeechToText({ decoders: 1 }));
  textClassifier = await trainBotClassifier(examples, { log });
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const optionsFor = (stt: SpeechToText): SpokenIntentClassifierOptions => ({ examples, language, stt, voices, cacheDir, log });

describe('a speech-side intent classifier trained on what the recognizer hears', { timeout: 120_000 }, () => {
  let spoken: IntentClassifier;
  let misheard: string;

  it('speaks and decodes every example once, and understands a mishearing the text classifier misreads', async () => {
    spoken = await trainSpokenIntentClassifier(optionsFor(recognizer.stt));
    expect(recognizer.count()).toBe(examples.length * voices.length);
    const file = spokenReadingsFile(cacheDir, { examples, language, voices, recognizer: 'pocketsphinx' });
    const { readings } = JSON.parse(readFileSync(file, 'utf8')) as { readings: SpokenReading[] };
    expect(readings.map((r) => r.text)).toEqual(examples.map((e) => e.text));
    expect(readings.every((r) => r.readings.length > 1)).toBe(true);

    // Another voice of another espeak-ng build, at another rate: pocketsphinx hears "hello" as "will".
    const audio = spokenAudio('hello', { voice: 'en-029', wordsPerMinute: 200 });
    const inner = recordingSpeech(recognizer.stt);
    const heard = await transcribe(spokenIntentSpeech(inner.stt, { classifier: textClassifier, spokenClassifier: spoken }), audio, { language });
    misheard = inner.last()!.text;
    expect(textClassifier.classify(misheard).intent, `the recognizer's top reading "${misheard}" should be a mishearing the text classifier misreads`).not.toBe('greet');
    expect(spoken.classify(misheard).intent).toBe('greet');
    expect(textClassifier.classify(heard.text).intent).toBe('greet');
    expect(heard.alternatives?.map((a) => a.text)).toContain(misheard);
  });

  it('reuses the cached readings: nothing is decoded again, and start-up loads without decoding', async () => {
    const again = countingSpeech(recognizer.stt);
    const retrained = await trainSpokenIntentClassifier(optionsFor(again.stt));
    expect(again.count()).toBe(0);
    expect(retrained.classify(misheard)).toEqual(spoken.classify(misheard));
    const loaded = await loadSpokenIntentClassifier(optionsFor(again.stt));
    expect(loaded?.classify(misheard)).toEqual(spoken.classify(misheard));
    expect(again.count()).toBe(0);
  });

  it('has nothing to load for another bot, other voices or no cache directory', async () => {
    const changed = [...examples, { text: 'are you open today', intent: 'opening_hours' }];
    expect(await loadSpokenIntentClassifier({ ...optionsFor(recognizer.stt), examples: changed })).toBeUndefined();
    expect(await loadSpokenIntentClassifier({ ...optionsFor(recognizer.stt), voices: [{ voice: 'en-us', wordsPerMinute: 150 }] })).toBeUndefined();
    const { cacheDir: _, ...uncached } = optionsFor(recognizer.stt);
    expect(await loadSpokenIntentClassifier(uncached)).toBeUndefined();
  });
});
