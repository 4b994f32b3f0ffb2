import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../core/create-bot.ts';
import { withoutGreeting } from '../../../core/dialogue/without-greeting.ts';
import { scriptConversation } from '../../../skills/testing/conversation-script.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';

describe('withoutGreeting', () => {
  it('drops the greeting a question or request opens with, in English and Spanish', () => {
    expect(withoutGreeting('hi, how many holds can I have?')).toBe('how many holds can I have?');
    expect(withoutGreeting('Hello there! can I renew my books')).toBe('can I renew my books');
    expect(withoutGreeting('good morning, where is my order 12345')).toBe('where is my order 12345');
    expect(withoutGreeting('hola, ¿dónde está mi pedido?')).toBe('¿dónde está mi pedido?');
  });

  it('keeps a greeting alone, a greeting with one word, and a message that opens otherwise', () => {
    expect(withoutGreeting('hello')).toBe('hello');
    expect(withoutGreeting('hey there, assistant')).toBe('hey there, assistant');
    expect(withoutGreeting('hello hello')).toBe('hello hello');
    expect(withoutGreeting('yo y mi mujer')).toBe('yo y mi mujer');
    expect(withoutGreeting('highway delivery times')).toBe('highway delivery times');
  });
});

describe('a greeting before a question, on a bot whose classifier reads "hi" as a hello', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = (await loadLibraryBot()).bot;
  });
  afterAll(() => bot.close());

  it('answers the question, and still greets a greeting', async () => {
    await scriptConversation(bot).user('hi, how many holds can I have?').expectReply(/up to 15 holds at a time/).run();
    await scriptConversation(bot).user('hey, do you have parking?').expectReply(/car park/).run();
    await scriptConversation(bot).user('hello').expectReply(/^Hi!/).run();
    // What follows is small talk or a hand-off word: the hello stands.
    await scriptConversation(bot).user("hi, how's your day going?").expectReply(/^Hi!/).run();
    await scriptConversation(bot).user('hi, is someone there').expectReply(/^Hi!/).run();
  });
});
