import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { saysNotKnown } from '../../core/dialogue/says-not-known.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

/**
 * What a form takes from the way people answer: "I don't know it" gets the slot's help and a way out, not "that's
 * invalid"; a request that says why ("… because it's too small") answers the reason question too.
 */
let bot: Bot;
beforeAll(async () => {
  bot = (await loadAcme()).bot;
});
afterAll(async () => bot.close());

describe('an answer that says the user does not know', () => {
  it('is told apart from an answer', () => {
    for (const text of ["i dont know it", "I don't have it", "no, I don't have it", 'no idea, sorry', "um I can't find it", 'not sure', 'I forgot', 'ni idea', 'no lo encuentro'])
      expect(saysNotKnown(text), text).toBe(true);
    for (const text of ['12345', 'it is 12345', 'I know it: 12345', 'knowing you, 12345', 'the blue one']) expect(saysNotKnown(text), text).toBe(false);
  });

  it('gets where to find the order number and how to stop, then the question again; the number after it still works', async () => {
    await scriptConversation(bot)
      .user("where's my order")
      .expectReply(/What's your order number\?/)
      .user('i dont know it')
      .expectReply(/you can find it in your order confirmation e-mail\. No problem: if you can't give it now, say "cancel" to stop, or ask for a person\./)
      .expectReply(/What's your order number\?/)
      .user('12345')
      .expectCommand('get_order_status')
      .run();
  });

  it('is no cancel ("no, I don\'t have it", "no lo sé") and no free-text value (the reason for a return)', async () => {
    await scriptConversation(bot)
      .user('I want to return my shoes')
      .expectReply(/Which order is the return for\?/)
      .user("no, I don't have it")
      .expectReply(/order confirmation e-mail\. No problem: if you can't give it now/)
      .expectReply(/Which order is the return for\?/)
      .user('12345')
      .expectReply(/Why are you returning it\?/)
      .user("I don't know")
      .expectReply(/No problem: if you can't give it now/)
      .expectReply(/Why are you returning it\?/)
      .user('too small')
      .expectReply(/To confirm: open a return for order 12345 because "too small"/)
      .run();
    await scriptConversation(bot, { locale: 'es' })
      .user('¿dónde está mi pedido?')
      .expectReply(/¿Cuál es tu número de pedido\?/)
      .user('no lo sé')
      .expectReply(/correo de confirmación del pedido\. No pasa nada: si ahora no puedes dármelo/)
      .expectReply(/¿Cuál es tu número de pedido\?/)
      .run();
  });
});

describe('a request that says why', () => {
  it('fills the reason from its "because …" clause, in English and Spanish', async () => {
    await scriptConversation(bot)
      .user("I want to return order 12345 because it's too small")
      .expectReply(/To confirm: open a return for order 12345 because "it's too small"\. Shall I go ahead\?/)
      .run();
    await scriptConversation(bot, { locale: 'es' })
      .user('quiero devolver el pedido 12345 porque no me queda bien')
      .expectReply(/abro una devolución del pedido 12345 por el motivo «no me queda bien»/)
      .run();
  });

  it('asks for the reason when the request gives none', async () => {
    await scriptConversation(bot).user('I want to return order 12345').expectReply(/Why are you returning it\?/).run();
  });
});
