import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitedAnswerWeight, botSpeechLanguage, canSpeakAnswer } from '../../../channels/voice/bot-speech-language.ts';
import { entityPhrases } from '../../../channels/voice/entity-phrases.ts';
import { entitySpanPatterns } from '../../../channels/voice/entity-span-patterns.ts';
import type { SpokenAnswer } from '../../../channels/voice/spoken-answer.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import type { SpeechPhrase } from '../../../engine/speech/speech-language.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';

let library: LoadedBot;
let acme: LoadedBot;
beforeAll(async () => {
  [library, acme] = await Promise.all([loadLibraryBot(), loadAcme({ knowledge: false })]);
});
afterAll(async () => {
  await library.bot.close();
  await acme.bot.close();
});

const flat = (items: SpeechPhrase) => items.map((i) => (typeof i === 'string' ? i : 'class' in i ? `<${i.class}>` : JSON.stringify(i))).join(' ');
const awaitedPhrases = (bot: LoadedBot, answer: SpokenAnswer) =>
  botSpeechLanguage(bot.bot.registry, answer)
    .phrases.filter((p) => p.weight === awaitedAnswerWeight)
    .map((p) => flat(p.items));
const spans = (kind: Parameters<typeof entitySpanPatterns>[0], text: string) => entitySpanPatterns(kind).flatMap((p) => [...text.matchAll(p)].map((m) => m[0]));

describe("a second bot's language (checked on the library bot)", () => {
  it('hears weekdays and party sizes, the built-in kinds a slot may ask for', () => {
    expect(entityPhrases({ kind: 'weekday' })?.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['friday', 'next friday', 'tomorrow']));
    expect(entityPhrases({ kind: 'people' })?.map(flat)).toEqual(expect.arrayContaining(['<number> of us', 'just me', 'me and my wife']));
    expect(canSpeakAnswer({ ...library.bot.registry, entities: { when: { kind: 'weekday' } } }, { kind: 'slot', flow: 'f', slot: 'when', entity: 'when', label: 'day' })).toBe(true);
  });

  it('leaves written abbreviations of lookup values out of what it listens for ("friday" was heard as "tue")', () => {
    expect(botSpeechLanguage(library.bot.registry).classes.entity_day?.map((p) => p.join(' '))).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'tomorrow']);
    const city = entityPhrases({ kind: 'lookup', values: { 'san francisco': ['san fran', 'sf', 'frisco'], chicago: ['chi', 'chi town'] } });
    expect(city?.map((p) => p.join(' '))).toEqual(['san francisco', 'san fran', 'sf', 'frisco', 'chicago', 'chi town']);
  });

  it("finds numbers, weekdays and party sizes in examples, but not the pronoun 'one'", () => {
    expect(spans({ kind: 'number' }, 'i need a room for 4 people or for two')).toEqual(['4', 'two']);
    expect(spans({ kind: 'number' }, 'have a good one')).toEqual([]);
    expect(spans({ kind: 'people' }, 'a table for the four of us')).toEqual(['the four of us']);
    expect(spans({ kind: 'weekday' }, 'book it for next friday or tomorrow')).toEqual(['next friday', 'tomorrow']);
    const phrases = botSpeechLanguage(library.bot.registry).phrases.map((p) => flat(p.items));
    expect(phrases).toContain('can you book me a study room for <entity_people> people');
    expect(phrases).toContain('i would like to book a room for <entity_people>');
  });

  it("awaits a slot's value in the words the flow's own examples put around it", () => {
    const people = awaitedPhrases(library, { kind: 'slot', flow: 'book_study_room', slot: 'people', entity: 'people', label: 'number of people' });
    expect(people).toEqual(expect.arrayContaining(['<entity_people>', 'for <entity_people>', '<entity_people> people', 'for <entity_people> people']));
    expect(awaitedPhrases(library, { kind: 'slot', flow: 'book_study_room', slot: 'day', entity: 'day', label: 'day' })).toContain('on <entity_day>');
  });

  it('puts no words around digits read out ("for" sounds like "four")', () => {
    const card = awaitedPhrases(library, { kind: 'slot', flow: 'renew_loans', slot: 'card', entity: 'card', label: 'card number' });
    expect(card).not.toContain('card <entity_card>');
    const order = awaitedPhrases(acme, { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' });
    const carried = (value: string) => [value, `it is ${value}`, `it's ${value}`, `my order number is ${value}`, `the order number is ${value}`];
    // The digits one by one, and the same five digits read in pairs or as a quantity ("forty five thousand two hundred and ten").
    expect(order).toEqual([...carried('<entity_order_id>'), ...carried('<entity_order_id_said>')]);
  });
});
