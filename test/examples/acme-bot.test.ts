
import { readAcmeReturns } from '../support/read-acme-returns.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

let bot: Bot;
let dataDir: string;
const returns = () => readAcmeReturns(dataDir);

beforeAll(async () => {
  const loaded = await loadAcme();
  bot = loaded.bot;
  dataDir = loaded.dataDir;
});
afterAll(async () => bot.close());

describe('Acme demo: built-in intents', () => {
  it('greets, thanks, says goodbye and helps', async () => {
    await scriptConversation(bot)
      .user('hello there')
      .expectReply(/Acme store assistant/)
      .expectNoCommand()
      .user('what can you do for me?')
      .expectReply(/what I can help with/)
      .expectSuggestion('Track an order')
      .user('thanks a lot')
      .expectReply(/welcome/)
      .user('bye for now')
      .expectReply(/Goodbye/)
      .run();
  });

  it('answers something it does not cover with the fallback and suggestions', async () => {
    await scriptConversation(bot)
      .user('banana helicopter purple')
      .expectReply(/didn't understand/)
      .expectSuggestion('Return an item')
      .expectNoCommand()
      .run();
  });

  it('says it does not know a question its documents do not cover, and offers a person', async () => {
    await scriptConversation(bot)
      .user('what is the airspeed velocity of an unladen swallow?')
      .expectReply(/couldn't find anything about that/)
      .expectSuggestion('Talk to a person')
      .expectNoCommand()
      .run();
  });

  it('says there is nothing to cancel outside a form', async () => {
    await scriptConversation(bot)
      .user('cancel')
      .expectReply(/nothing to cancel/)
      .run();
  });
});

describe('Acme demo: order_status', () => {
  it('runs get_order_status as soon as the id is in the first turn, then asks the e-mail before details', async () => {
    await scriptConversation(bot)
      .user('where is my order 12345?')
      .expectCommand('get_order_status', { order_id: '12345' })
      .expectReply(/e-mail address on the order/)
      .user('maria.garcia@example.com')
      .expectCommand('get_order_details', { order_id: '12345', email: 'maria.garcia@example.com' })
      .expectReply(/Order 12345 .* is shipped/)
      .run();
  });

  it('asks for the order number, re-asks with a reason on an invalid one, then looks it up', async () => {
    await scriptConversation(bot)
      .user('I want to track my package')
      .expectReply(/order number/)
      .expectNoCommand()
      .user('123')
      .expectReply(/exactly 5 digits/)
      .expectReply(/order number/)
      .expectNoCommand()
      .user('it is 45210')
      .expectCommand('get_order_status', { order_id: '45210' })
      .run();
  });

  it('refuses the details for a wrong e-mail', async () => {
    await scriptConversation(bot)
      .user('status of order 12345')
      .expectCommand('get_order_status', { order_id: '12345' })
      .user('someone.else@example.org')
      .expectReply(/doesn't match/)
      .run();
  });

  it('shows a verified owner the order without asking for the e-mail', async () => {
    await scriptConversation(bot, {
      user: { id: 'maria', verified: true, email: 'maria.garcia@example.com' },
    })
      .user('has order 45210 arrived?')
      .expectCommand('get_order_status', { order_id: '45210' })
      .expectReply(/Order 45210 .* is delivered/)
      .run();
  });

  it('says when the order does not exist', async () => {
    await scriptConversation(bot)
      .user('check order 99999 please')
      .expectCommand('get_order_status', { order_id: '99999' })
      .expectReply(/couldn't find an order with the number 99999/)
      .run();
  });

  it('cancels while the order number is asked', async () => {
    await scriptConversation(bot)
      .user('where is my order')
      .expectReply(/order number/)
      .user('never mind')
      .expectReply(/stopped/)
      .expectNoCommand()
      .user('thanks')
      .expectReply(/welcome/)
      .run();
  });

  it('offers help inside the form and asks again', async () => {
    await scriptConversation(bot)
      .user('where is my order')
      .expectReply(/order number/)
      .user('help')
      .expectReply(/confirmation e-mail/)
      .expectReply(/order number/)
      .run();
  });
});

describe('Acme demo: return_item', () => {
  it('collects order and reason, asks for confirmation, then stores the return', async () => {
    const before = returns().length;
    await scriptConversation(bot)
      .user('I want to return something')
      .expectReply(/order number/)
      .user('45210')
      .expectReply(/Why are you returning it/)
      .expectNoCommand()
      .user('  the jacket is too small  ')
      .expectReply(/Shall I go ahead/)
      .expectNoCommand()
      .user('yes please')
      .expectReply(/e-mail address on the order/)
      .expectNoCommand()
      .user('maria.garcia@example.com')
      .expectCommand('create_return', { order_id: '45210', reason: 'the jacket is too small', email: 'maria.garcia@example.com' })
      .expectReply(/Return R-\d+ for order 45210 is open/)
      .run();
    expect(returns().length).toBe(before + 1);
    expect(returns().at(-1)).toMatchObject({ order_id: '45210', reason: 'the jacket is too small' });
  });

  it('writes no return record when the user refuses the confirmation', async () => {
    const before = returns().length;
    await scriptConversation(bot)
      .user('I need to send back an item from order 40211')
      .expectReply(/Why are you returning it/)
      .user('wrong colour')
      .expectReply(/Shall I go ahead/)
      .user('no')
      .expectReply(/haven't opened a return/)
      .expectNoCommand()
      .run();
    expect(returns().length).toBe(before);
  });

  it('cancels while the free-text reason is asked', async () => {
    const before = returns().length;
    await scriptConversation(bot)
      .user('return order 45210')
      .expectReply(/Why are you returning it/)
      .user('forget it')
      .expectReply('Do you want to stop opening a return?')
      .expectNoCommand()
      .user('yes')
      .expectReply(/stopped/)
      .expectNoCommand()
      .run();
    expect(returns().length).toBe(before);
  });

  it('takes a correction of the order number and uses it', async () => {
    await scriptConversation(bot)
      .user('I would like to return an item')
      .expectReply(/order number/)
      .user('12345')
      .expectReply(/Why are you returning it/)
      .user('no wait, the order number is 45210')
      .expectReply(/changed the order number to 45210/)
      .expectReply(/Why are you returning it/)
      .user('arrived damaged')
      .expectReply(/order 45210/)
      .user('yes')
      .expectReply(/e-mail address on the order/)
      .user('maria.garcia@example.com')
      .expectCommand('create_return', { order_id: '45210', reason: 'arrived damaged', email: 'maria.garcia@example.com' })
      .run();
  });

  it('keeps the reason when the order number is corrected at the confirmation', async () => {
    await scriptConversation(bot)
      .user('return order 45210')
      .expectReply(/Why are you returning it/)
      .user('the jacket is too small')
      .expectReply(/order 45210 because "the jacket is too small"/)
      .user('sorry, I meant order 40211')
      .expectReply(/changed the order number to 40211/)
      .expectReply(/order 40211 because "the jacket is too small"/)
      .expectNoCommand()
      .user('yes')
      .expectReply(/e-mail address on the order/)
      .user('james.chen@example.org')
      .expectCommand('create_return', { order_id: '40211', reason: 'the jacket is too small', email: 'james.chen@example.org' })
      .run();
  });

  it('asks for the e-mail again when the order number of a lookup is corrected', async () => {
    await scriptConversation(bot)
      .user('where is order 12345')
      .expectReply(/e-mail address on the order/)
      .user('maria.garcia@example.com')
      .expectReply(/Order 12345/)
      .user('oops, I meant 45210')
      .expectCommand('get_order_status', { order_id: '45210' })
      .expectReply(/e-mail address on the order/)
      .run();
  });

  it('answers a digression in the middle of the form, then resumes it', async () => {
    await scriptConversation(bot)
      .user('I want to return a product')
      .expectReply(/order number/)
      .user('40211')
      .expectReply(/Why are you returning it/)
      .user('what time do you open on sunday?')
      .expectReply(/Sunday/)
      .expectReply(/Back to where we were.*Why are you returning it/)
      .user('it does not fit')
      .expectReply(/Shall I go ahead/)
      .user('yes')
      .expectReply(/e-mail address on the order/)
      .user('james.chen@example.org')
      .expectCommand('create_return', { order_id: '40211', reason: 'it does not fit', email: 'james.chen@example.org' })
      .run();
  });
});

describe('Acme demo: store, shipping and handoff', () => {
  it('gives opening hours, for a day when asked', async () => {
    await scriptConversation(bot)
      .user('what are your opening hours?')
      .expectReply(/New York store is open Monday/)
      .user('are you open on sunday?')
      .expectReply(/On Sunday our New York store is open 10:00–18:00/)
      .run();
  });

  it('gives the main store address, or the one in a city', async () => {
    await scriptConversation(bot)
      .user('where is your store located')
      .expectReply(/482 Broadway/)
      .user('do you have a shop in chicago')
      .expectReply(/Chicago store is at 640 North Wells Street/)
      .run();
  });

  it('answers shipping questions from the policy documents, naming the source, and lists the options on request', async () => {
    await scriptConversation(bot)
      .user('what does express delivery cost?')
      .expectReply(/\$14\.99/)
      .expectReply(/Source: shipping-and-delivery\.md/)
      .user('shipping options')
      .expectReply(/free on orders over \$50\.00/)
      .run();
  });

  it('answers a policy question that mentions an action and offers the action without starting it', async () => {
    const before = returns().length;
    await scriptConversation(bot)
      .user('how much does a return cost?')
      .expectReply(/\$4\.95/)
      .expectReply(/Source: returns-and-refunds\.md/)
      .expectSuggestion('Return an item')
      .expectNoCommand()
      .user('Return an item')
      .expectReply(/order number/)
      .run();
    expect(returns().length).toBe(before);
  });

  it('hands the conversation to a person and says so', async () => {
    await scriptConversation(bot)
      .user('I want to talk to a real person')
      .expectHandoff()
      .expectReply(/handing you over to a person/)
      .user('hello?')
      .expectReply(/person from our team will reply/)
      .user('cancel')
      .expectReply(/back with me/)
      .run();
  });
});
