import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { saysNotKnown } from '../../core/dialogue/says-not-known.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

/** A user who cannot answer the question ("I don't know it") gets the slot's help and a way out, not "that's invalid". */
let bot: Bot;
beforeAll(async () => {
  bot = (await loadAcme()).bot;
});
afterAll(async () => bot.close());

describe('an answer that says the user does not know', () => {
  it('is told apart from an answer', () => {
    for (const text of ["i dont know it", "I don't have it", 'no idea, sorry', "um I can't find it", 'not sure', 'I forgot', 'ni idea', 'no lo encuentro'])
      expect(saysNotKnown(text), text).toBe(true);
    for (const text of ['12345', 'it is 12345', 'I know it: 12345', 'knowing you, 12345', 'the blue one']) expect(saysNotKnown(text), text).toBe(false);
  });

  it('gets where to find the order number and how to stop, then the question again; the number after it still works', async () => {
    await scriptConversation(bot)
      .user("where's my order")
      .expectReply(/What's your order number\?/)
      .user('i dont know it')
      .expectReply(/you can find it in your order confirmation e-mail\. If you don't have it at hand, you can say "cancel" to stop, or ask for a person\./)
      .expectReply(/What's your order number\?/)
      .user('12345')
      .expectCommand('get_order_status')
      .run();
  });
});
