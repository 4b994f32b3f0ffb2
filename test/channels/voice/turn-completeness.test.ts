import { beforeAll, describe, expect, it } from 'vitest';
import { createTurnCompleteness, type TurnCompleteness } from '../../../channels/voice/turn-completeness.ts';
import { pausedSentences } from '../../fixtures/voice-recordings/paused-sentences.ts';
import { loadAcme } from '../../support/load-acme.ts';

let complete: TurnCompleteness;
const orderId = { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' } as const;

beforeAll(async () => {
  const acme = await loadAcme({ knowledge: false });
  const { registry, classifier } = acme.bot;
  complete = createTurnCompleteness({ classifier, examples: registry.examples(), entities: registry.entities });
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
    expect(complete('four zero two', { awaited: orderId })).toBe(false);
    expect(complete('my order number is four zero two one', { awaited: orderId })).toBe(false);
    expect(complete('four zero two one one', { awaited: orderId })).toBe(true);
    expect(complete('it is 45210', { awaited: orderId })).toBe(true);
    const email = { ...orderId, slot: 'email', entity: 'email' };
    expect(complete('jane at example dot com', { awaited: email })).toBe(false);
  });

  it('takes an answer to a yes-or-no question as complete unless it stops mid-phrase', () => {
    expect(complete('yes', { awaited: { kind: 'yes-no' } })).toBe(true);
    expect(complete('no', { awaited: { kind: 'yes-no' } })).toBe(true);
    expect(complete('yes but', { awaited: { kind: 'yes-no' } })).toBe(false);
  });
});
