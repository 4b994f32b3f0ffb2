import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitedAnswerWeight, botSpeechLanguage, canSpeakAnswer } from '../../../channels/voice/bot-speech-language.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';

let acme: LoadedBot;
beforeAll(async () => {
  acme = await loadAcme({ knowledge: false });
});
afterAll(() => acme.bot.close());

const flat = (items: readonly unknown[]) => items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join(' ');

describe("the bot's speech language", () => {
  it('holds the examples with entity values as classes of every value', () => {
    const language = botSpeechLanguage(acme.bot.registry);
    const phrases = language.phrases.map((p) => flat(p.items));
    expect(phrases).toContain('where is my order');
    expect(phrases).toContain('has order {"class":"entity_order_id"} been shipped');
    expect(language.classes.entity_order_id).toEqual([Array.from({ length: 5 }, () => ({ class: 'digit' }))]);
    expect(language.classes.entity_city?.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['chicago']));
  });

  it('puts the answer the bot asked for far above the rest', () => {
    const asked = botSpeechLanguage(acme.bot.registry, { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' });
    expect(asked.phrases[0]).toEqual({ items: [{ class: 'entity_order_id' }], weight: awaitedAnswerWeight });
    expect(asked.phrases.map((p) => flat(p.items))).toContain('my order number is {"class":"entity_order_id"}');
    // The same answer gives the same language object (recognizers cache what they build from it).
    expect(botSpeechLanguage(acme.bot.registry, { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' })).toBe(asked);
    expect(botSpeechLanguage(acme.bot.registry, { kind: 'yes-no' }).phrases[0]).toEqual({ items: [{ class: 'yes_no' }], weight: awaitedAnswerWeight });
  });

  it('knows that an e-mail address or free text cannot be spoken to a grammar', () => {
    expect(canSpeakAnswer(acme.bot.registry, { kind: 'slot', flow: 'order_status', slot: 'email', entity: 'email', label: 'e-mail' })).toBe(false);
    expect(canSpeakAnswer(acme.bot.registry, { kind: 'slot', flow: 'return_item', slot: 'reason', label: 'reason' })).toBe(false);
    expect(canSpeakAnswer(acme.bot.registry, { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' })).toBe(true);
  });
});

describe("the bot's speech corpus", () => {
  it('varies the examples as train-model does, with entity values as classes', () => {
    const { corpus = [] } = botSpeechLanguage(acme.bot.registry);
    const sentences = corpus.map((p) => flat(p.items));
    expect(corpus.length).toBeGreaterThan(acme.bot.registry.examples().length * 3);
    // train-model's openers and closers around the examples.
    expect(sentences.some((s) => /^(um|so|ok|please|hi|hello|hey) /.test(s))).toBe(true);
    expect(sentences.some((s) => / (please|thanks|thank you)$/.test(s))).toBe(true);
    expect(sentences.some((s) => s.includes('{"class":"entity_order_id"}'))).toBe(true);
    expect(sentences.some((s) => /\d/.test(s))).toBe(false);
    // Mostly sentences the phrases do not have.
    const phrases = new Set(botSpeechLanguage(acme.bot.registry).phrases.map((p) => flat(p.items)));
    expect(sentences.filter((s) => !phrases.has(s)).length).toBeGreaterThan(corpus.length / 2);
  });

  it('is left out while the bot waits for an answer, so the answer keeps its weight', () => {
    expect(botSpeechLanguage(acme.bot.registry, { kind: 'yes-no' }).corpus).toBeUndefined();
  });
});
