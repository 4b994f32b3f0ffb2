import { describe, expect, it } from 'vitest';
import { asksForAction, isQuestion } from '../../../core/dialogue/is-question.ts';
import { isExplicitRequest, namesRules } from '../../../core/dialogue/knowledge-or-action.ts';

describe('isQuestion', () => {
  it('reads a question after an opener ("hey so am I …") or in a later clause (", will you fix it")', () => {
    expect(isQuestion('hey so i got boots 3 weeks ago, am i still ok to send them back')).toBe(true);
    expect(isQuestion('ok, what about the fee')).toBe(true);
    expect(isQuestion('I cracked the screen by accident, will you fix it for free')).toBe(true);
    expect(isQuestion('my toaster stopped working after 8 months, what do i do')).toBe(true);
  });

  it('does not read orders or statements as questions', () => {
    expect(isQuestion('I want to return my jacket')).toBe(false);
    expect(isQuestion('return order 12345, the blue one')).toBe(false);
    expect(isQuestion('the carrier says it was delivered but nothing is on my doorstep')).toBe(false);
    expect(isQuestion('hello')).toBe(false);
  });

  it('reads Spanish questions by their own cues, and only the named language\'s when one is given', () => {
    expect(isQuestion('cuánto cuesta el envío')).toBe(true);
    expect(isQuestion('compré unas botas, ¿puedo devolverlas')).toBe(true);
    expect(isQuestion('quiero devolver mi chaqueta')).toBe(false);
    // Unaccented "como" and "cuando" are also conjunctions.
    expect(isQuestion('cuando llegue el paquete avísame')).toBe(false);
    expect(isQuestion('cuánto cuesta el envío', 'en')).toBe(false);
    expect(isQuestion('cuánto cuesta el envío', 'es-MX')).toBe(true);
    expect(isQuestion('how much is shipping', 'es')).toBe(false);
    expect(isQuestion('¿y en domingo?', 'xx')).toBe(true);
  });

  it('keeps a request phrased as a question an action', () => {
    expect(asksForAction('hey, can you open a return for me')).toBe(true);
    expect(asksForAction('I broke it, how long is the warranty')).toBe(false);
  });
});

describe('namesRules', () => {
  it('reads a short phrase naming a policy as a question, also with a typo in the policy word', () => {
    expect(namesRules('refund policy')).toBe(true);
    expect(namesRules('retrun polcy for electroncis')).toBe(true);
    expect(namesRules('exchange dedline')).toBe(true);
  });

  it('is not a question, a personal request or a long message', () => {
    expect(namesRules('refund policy?')).toBe(false);
    expect(namesRules('I need the refund policy')).toBe(false);
    expect(namesRules('return my order 12345 please')).toBe(false);
    expect(namesRules('politely return the window blinds I bought for the kitchen last week')).toBe(false);
    expect(isExplicitRequest('return order 12345')).toBe(true);
  });
});
