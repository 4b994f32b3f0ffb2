import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFirstSpeech } from '../../../channels/voice/answer-first-speech.ts';
import { botSpeechLanguage } from '../../../channels/voice/bot-speech-language.ts';
import type { SpokenAnswer } from '../../../channels/voice/spoken-answer.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { type SpeechToText, type Transcript, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';

let library: LoadedBot;
beforeAll(async () => {
  library = await loadLibraryBot();
});
afterAll(() => library.bot.close());

/** A recognizer that hears `heard` whatever it is played: the readings pocketsphinx gave for real utterances. */
const hearing = (heard: Transcript): SpeechToText => ({
  provider: 'scripted',
  closedVocabulary: true,
  async *recognize(audio) {
    for await (const _ of audio) {
      // The readings are fixed.
    }
    yield { type: 'transcript-final', ...heard };
  },
});

const day: SpokenAnswer = { kind: 'slot', flow: 'book_study_room', slot: 'day', entity: 'day', label: 'day' };
const card: SpokenAnswer = { kind: 'slot', flow: 'renew_loans', slot: 'card', entity: 'card', label: 'card number' };

/** The transcript answerFirstSpeech hands on for `heard` while the bot awaits `awaited` (nothing: no answer awaited). */
async function chosen(heard: Transcript, awaited?: SpokenAnswer): Promise<string> {
  const stt = answerFirstSpeech(hearing(heard), library.bot.registry, { classifier: library.bot.classifier });
  const language = botSpeechLanguage(library.bot.registry, awaited);
  return (await transcribe(stt, { sampleRate: 16_000, samples: new Int16Array(1600) }, { language })).text;
}

const readings = (...texts: string[]) => texts.map((text) => ({ text, confidence: 0.3 }));

describe('answerFirstSpeech', () => {
  it('hands on the likeliest reading that gives the awaited answer', async () => {
    // en-gb "friday" while the bot asked for the day; en-029 "one one two two …" while it asked for a card number.
    expect(await chosen({ text: 'i do you', confidence: 0.4, alternatives: readings('on to you', 'friday i', 'friday') }, day)).toBe('friday i');
    expect(await chosen({ text: 'want want to do three three four four', confidence: 0.4, alternatives: readings('want want to two three three four four', 'one one two two three three four four') }, card)).toBe(
      'one one two two three three four four',
    );
    expect(await chosen({ text: 'use', confidence: 0.4, alternatives: readings('i use', 'yes') }, { kind: 'yes-no' })).toBe('yes');
  });

  it('keeps a transcript that answers already, or that the bot reads surely as an intent', async () => {
    expect(await chosen({ text: 'on saturday', confidence: 0.5, alternatives: readings('friday') }, day)).toBe('on saturday');
    expect(await chosen({ text: 'cancel', confidence: 0.5, alternatives: readings('sunday') }, day)).toBe('cancel');
  });

  it("does not keep a garbled guess because it sounds like an intent: only the bot's own examples stand", async () => {
    // en-gb "two four six eight one" while Acme awaited an order number: "do you close it's eight want".
    const guess = 'book a room for me to study';
    expect(library.bot.classifier.classify(guess)).toMatchObject({ intent: 'book_study_room', confidence: expect.any(Number) });
    expect(library.bot.classifier.classify(guess).confidence).toBeGreaterThan(0.7);
    expect(await chosen({ text: guess, confidence: 0.4, alternatives: readings('one one two two three three four four') }, card)).toBe('one one two two three three four four');
  });

  it('keeps the transcript when no reading answers, or when the bot awaits nothing', async () => {
    expect(await chosen({ text: 'i do you', confidence: 0.4, alternatives: readings('on to you', 'do you') }, day)).toBe('i do you');
    expect(await chosen({ text: 'i do you', confidence: 0.4, alternatives: readings('friday') })).toBe('i do you');
  });
});
