import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { isExplicitRequest } from '../../core/dialogue/knowledge-or-action.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

/** Wanting to do something starts the flow; wanting to know about it is answered — in English and Spanish. */
let bot: Bot;
beforeAll(async () => {
  bot = (await loadAcme()).bot;
});
afterAll(async () => bot.close());

describe('a request or a question, by what the user wants', () => {
  it('reads "I want to return …" as a request and "I want to know …" as a question', () => {
    expect(isExplicitRequest('I want to return my jacket')).toBe(true);
    expect(isExplicitRequest('I want to know the return policy')).toBe(false);
    expect(isExplicitRequest('quiero devolver mi chaqueta')).toBe(true);
    expect(isExplicitRequest('necesito cambiar la dirección')).toBe(true);
    expect(isExplicitRequest('quiero saber la política de devoluciones')).toBe(false);
  });

  it('starts a return for "quiero devolver mi chaqueta" and answers "quiero saber la política de devoluciones"', async () => {
    await scriptConversation(bot, { locale: 'es' }).user('quiero devolver mi chaqueta').expectReply(/¿De qué pedido es la devolución\?/).run();
    await scriptConversation(bot, { locale: 'es' })
      .user('quiero saber la política de devoluciones')
      .expectReply(/Source: returns-and-refunds\.md/)
      .expectNoCommand()
      .run();
    await scriptConversation(bot).user('I want to know the return policy').expectReply(/Source: returns-and-refunds\.md/).run();
  });
});
