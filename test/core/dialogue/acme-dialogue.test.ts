import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../core/create-bot.ts';
import { scriptConversation } from '../../../skills/testing/conversation-script.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { readAcmeReturns } from '../../support/read-acme-returns.ts';

let bot: Bot;
let dataDir: string;

beforeAll(async () => {
  ({ bot, dataDir } = await loadAcme());
});
afterAll(async () => bot.close());

describe('Acme demo: forms that survive real users', () => {
  it('"actually it is 40211" corrects the order number at the confirmation instead of cancelling', async () => {
    await scriptConversation(bot)
      .user('return order 45210')
      .expectReply(/Why are you returning it/)
      .user('too small')
      .expectReply(/order 45210 .* Shall I go ahead/)
      .user('actually it is 40211')
      .expectReply(/changed the order number to 40211/)
      .expectReply(/order 40211 .* Shall I go ahead/)
      .expectNoCommand()
      .run();
  });

  it('"actually it is 40211" repeated while the reason is asked neither cancels nor becomes the reason', async () => {
    await scriptConversation(bot)
      .user('I want to return something')
      .expectReply(/order number/)
      .user('40211')
      .expectReply(/Why are you returning it/)
      .user('actually it is 40211')
      .expectReply('The order number is already 40211.')
      .expectReply(/Why are you returning it/)
      .user('it arrived damaged')
      .expectReply(/because "it arrived damaged"/)
      .run();
  });

  it('does not take "yes" as a return reason', async () => {
    await scriptConversation(bot)
      .user('return order 45210')
      .user('yes')
      .expectReply(/in a few words why/)
      .expectReply(/Why are you returning it/)
      .run();
  });

  it('answers a question asked for the reason from the documents and asks again', async () => {
    await scriptConversation(bot)
      .user('return order 45210')
      .user('what is the refund policy for sale items?')
      .expectReply(/winter sale/)
      .expectReply(/Why are you returning it/)
      .run();
  });

  it('answers "refund policy for sale items" without starting a return, and offers it', async () => {
    const before = readAcmeReturns(dataDir).length;
    const turns = await scriptConversation(bot)
      .user('what is the refund policy for sale items?')
      .expectReply(/winter sale/)
      .expectSuggestion('Return an item')
      .run();
    expect(turns[0]?.replies.some((r) => /order number/.test(r))).toBe(false);
    expect(readAcmeReturns(dataDir).length).toBe(before);
  });

  it('asks before dropping a return with answers given, and carries on after "no"', async () => {
    await scriptConversation(bot)
      .user('return order 45210')
      .user('cancel')
      .expectReply('Do you want to stop opening a return?')
      .user('no')
      .expectReply(/carry on/)
      .expectReply(/Why are you returning it/)
      .run();
  });

  it('takes another intent\'s clear request asked for the reason as a digression, not as the reason', async () => {
    await scriptConversation(bot)
      .user('return order 45210')
      .expectReply(/Why are you returning it/)
      .user('where is my order 12345?')
      .expectCommand('get_order_status', { order_id: '12345' })
      .expectReply(/e-mail address on the order/)
      .run();
  });

  it('reads store names and days with typos, and says what it understood', async () => {
    await scriptConversation(bot)
      .user('when is the Chicgo store open on saturdy?')
      .expectReply('I took "Chicgo" to mean Chicago.')
      .expectReply('I took "saturdy" to mean saturday.')
      .expectReply(/On Saturday our Chicago store is open/)
      .run();
  });
});
