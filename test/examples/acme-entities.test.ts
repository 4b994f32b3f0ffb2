import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

let bot: Bot;

beforeAll(async () => {
  bot = (await loadAcme({ knowledge: false })).bot;
}, 120_000);
afterAll(async () => bot.close());

describe('Acme demo: entities', () => {
  it('takes an order number spoken digit by digit', async () => {
    await scriptConversation(bot)
      .user('where is my order')
      .expectReply(/order number/)
      .user('four five two one zero')
      .expectCommand('get_order_status', { order_id: '45210' })
      .run();
  });

  it('takes an order number typed with a space in it', async () => {
    await scriptConversation(bot)
      .user('where is my order 45 210?')
      .expectCommand('get_order_status', { order_id: '45210' })
      .run();
  });

  it('reads days from its lookup list: abbreviations, Spanish names and typos', async () => {
    await scriptConversation(bot)
      .user('what are your opening hours on sat?')
      .expectReply(/On Saturday our New York store is open/)
      .user('are you open on domingo?')
      .expectReply(/On Sunday our New York store is open 10:00–18:00/)
      .user('and on wendsday?')
      .expectReply(/Wednesday/)
      .run();
  });
});
