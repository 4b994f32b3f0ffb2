import { beforeAll, describe, expect, it } from 'vitest';
import { createTurnCompleteness, type TurnCompleteness } from '../../../channels/voice/turn-completeness.ts';
import { pausedSentences } from '../../fixtures/voice-recordings/paused-sentences.ts';
import { loadAcme } from '../../support/load-acme.ts';

let complete: TurnCompleteness;
/** Judges Spanish turns with the Spanish classifier and examples, as the voice channel does for a bot that speaks both. */
let bilingual: TurnCompleteness;
const orderId = { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' } as const;

beforeAll(async () => {
  const acme = await loadAcme({ knowledge: false });
  const { registry, classifier } = acme.bot;
  complete = createTurnCompleteness({ classifier, examples: registry.examples(), entities: registry.entities });
  const es = acme.bot.languages.get('es')!;
  bilingual = createTurnCompleteness({
    classifier,
    examples: registry.examples(),
    entities: registry.entities,
    languages: new Map([['es', { classifier: es.classifier, examples: es.registry.examples() }]]),
  });
}, 60_000);

describe('whether the words so far are a complete request (the early end of turn)', () => {
  it('finds none of the 20 sentences of the end-of-turn recordings complete where the speaker pauses', () => {
    const cut = pausedSentences.filter((s) => complete(s.halves[0], s.awaiting === 'digits' ? { awaited: orderId } : {})).map((s) => s.halves[0]);
    expect(cut).toEqual([]);
  });

  it('finds whole requests of the bot complete, so the early end does happen', () => {
    for (const text of ['I want to check my order status', 'how much does express shipping cost', 'I want to send these socks back'])
      expect(complete(text, {}), text).toBe(true);
  });

  it('never ends a request on a word no sentence ends on, in English or Spanish, however sure the classifier is', () => {
    expect(complete('I want to check my order status', {})).toBe(true);
    expect(complete('I want to check my order status and', {})).toBe(false);
    expect(complete('where is my', {})).toBe(false);
    expect(complete('quiero devolver el', { locale: 'es-ES' })).toBe(false);
    expect(complete('', {})).toBe(false);
  });

  it('leaves out what the classifier does not understand, and endings the examples go on after', () => {
    expect(complete('purple elephants dance', {})).toBe(false);
    // "do you ship" is a confident shipping question, but the examples go on after "you ship" ("to Canada").
    expect(complete('do you ship', {})).toBe(false);
  });

  it('waits for as many digits as the awaited slot takes, and never ends early where the slot does not say how many', () => {
    expect(complete('402', { awaited: orderId })).toBe(false);
    expect(complete('my order number is 4021', { awaited: orderId })).toBe(false);
    // The spoken turn hands over its digits already read as digits: words are not read as digits a second time.
    expect(complete('four zero two one one', { awaited: orderId })).toBe(false);
    expect(complete('4 0 2 1 1', { awaited: orderId })).toBe(true);
    expect(complete('it is 45210', { awaited: orderId })).toBe(true);
    const email = { ...orderId, slot: 'email', entity: 'email' };
    expect(complete('jane at example dot com', { awaited: email })).toBe(false);
  });

  it('takes an answer to a yes-or-no question as complete unless it stops mid-phrase', () => {
    expect(complete('yes', { awaited: { kind: 'yes-no' } })).toBe(true);
    expect(complete('no', { awaited: { kind: 'yes-no' } })).toBe(true);
    expect(complete('yes but', { awaited: { kind: 'yes-no' } })).toBe(false);
  });

  it("judges a turn in another of the bot's languages with that language's classifier and examples", () => {
    for (const text of ['quiero devolver un producto', 'dónde está mi pedido']) {
      expect(bilingual(text, { locale: 'es-ES' }), text).toBe(true);
      // The English classifier does not understand it: judged as English, it is never complete.
      expect(bilingual(text, {}), text).toBe(false);
      expect(complete(text, { locale: 'es-ES' }), text).toBe(false);
    }
    expect(bilingual('I want to check my order status', { locale: 'en-US' })).toBe(true);
    expect(bilingual('quiero devolver el', { locale: 'es' })).toBe(false);
  });
});
