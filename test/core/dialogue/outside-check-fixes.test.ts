import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuesPreviousRequest, isEllipticalFollowUp } from '../../../core/dialogue/follow-up.ts';
import { actionNamedIn, asksAboutOtherAction, isExplicitRequest } from '../../../core/dialogue/knowledge-or-action.ts';
import { asksForAction } from '../../../core/dialogue/is-question.ts';
import type { Bot } from '../../../core/create-bot.ts';
import { scriptConversation } from '../../../skills/testing/conversation-script.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';

/** The general fixes the outside check of issue #23 led to, each on the bot where it was found. */
let acme: Bot;
let library: Bot;
beforeAll(async () => {
  [acme, library] = await Promise.all([loadAcme().then((l) => l.bot), loadLibraryBot().then((l) => l.bot)]);
});
afterAll(async () => {
  await Promise.all([acme.close(), library.close()]);
});

describe('several requests: orders in the bot\'s own verbs are split and the later ones queued', () => {
  it('queues a second order check with its own number and runs it after the first', async () => {
    await scriptConversation(acme)
      .user('track order 30112, track order 28734')
      .expectReply(/I'll come to checking an order next/)
      .expectReply(/I found order 30112/)
      .user('james.chen@example.org')
      .expectReply(/Order 30112 .*shipped/)
      .expectReply(/Now, checking an order/)
      .expectReply(/I found order 28734/)
      .run();
  });

  it('splits "first X then Y" and a request after "I want to … and …"', async () => {
    await scriptConversation(acme)
      .user('first track my order 61580 then start a return for 45210')
      .expectReply(/I'll come to opening a return next/)
      .expectReply(/I found order 61580/)
      .run();
    await scriptConversation(library)
      .user('can you book me a room for 2 on monday and renew my books on card 12341234')
      .expectReply(/I'll come to renewing your loans next/)
      .expectReply(/Book a study room for 2 on monday\?/)
      .user('yes')
      .expectReply(/study room is booked/)
      .expectReply(/Renew every item on card 12341234/)
      .run();
  });

  it('answers a lower-case question after a full stop, and Spanish requests joined by "y también"', async () => {
    await scriptConversation(acme)
      .user('check order 71203 for me. how much is next day delivery?')
      .expectReply(/\$24\.99/)
      .expectReply(/I found order 71203/)
      .run();
    await scriptConversation(acme, { locale: 'es' })
      .user('quiero devolver el pedido 45210 y también ¿cuál es el horario de Chicago?')
      .expectReply(/Nuestra tienda de Chicago abre/)
      .expectReply(/¿Por qué lo devuelves\?/)
      .run();
  });
});

describe('follow-ups: a declined request is still the one a follow-up repeats', () => {
  it('books again for the day a follow-up names after "no"', async () => {
    await scriptConversation(library)
      .user('book a study room for monday for 2')
      .expectReply(/Book a study room for 2 on monday\?/)
      .user('no')
      .expectReply(/haven't booked/)
      .user('what about tuesday?')
      .expectReply(/Book a study room for 2 on tuesday\?/)
      .run();
  });

  it('opens the declined return for the order a follow-up names, asking its reason again', async () => {
    await scriptConversation(acme)
      .user('I want to return order 45210')
      .expectReply(/Why are you returning it/)
      .user('too big')
      .expectReply(/open a return for order 45210/)
      .user('no')
      .expectReply(/haven't opened a return/)
      .user('what about 12345?')
      .expectReply(/Why are you returning it/)
      .user('it does not fit')
      .expectReply(/open a return for order 12345 because "it does not fit"/)
      .run();
  });
});

describe('a later request keeps the values an earlier one named and it leaves out', () => {
  it('"it" and "there" in the same message point back to the store named before', async () => {
    await scriptConversation(acme)
      .user("where's the Seattle store? when is it open on sunday?")
      .expectReply(/Our Seattle store is at/)
      .expectReply(/Our Seattle store is closed on Sundays/)
      .run();
    await scriptConversation(acme, { locale: 'es' })
      .user('¿dónde está la tienda de Boston y a qué hora abre el domingo?')
      .expectReply(/Nuestra tienda de Boston está en/)
      .expectReply(/El domingo nuestra tienda de Boston abre de 12:00–17:00/)
      .run();
  });

  it('"and the hours?" after an address asks for that store\'s hours; a new order\'s e-mail is asked again', async () => {
    await scriptConversation(acme).user('where is the Boston store').expectReply(/Our Boston store is at/).user('and the hours?').expectReply(/our Boston store is open/i).run();
    await scriptConversation(acme)
      .user('where is order 45210?')
      .expectReply(/I found order 45210/)
      .user('maria.garcia@example.com')
      .expectReply(/Order 45210/)
      .user('and where is my order 12345?')
      .expectReply(/I found order 12345\. To protect your privacy/)
      .run();
  });
});

describe('a follow-up with nothing before it to follow', () => {
  it('"what about Boston?" as a first message asks which request the store is for, then answers it', async () => {
    await scriptConversation(acme)
      .user('what about Boston?')
      .expectReply(/Did you mean "Find a store" or "Opening hours"\?/)
      .user('Find a store')
      .expectReply(/Our Boston store is at 75 Boylston Street/)
      .run();
  });
});

describe('Spanish elliptical follow-ups', () => {
  it.each(['¿y el domingo?', '¿y Seattle?', '¿y en Boston?', '¿qué tal en Austin?', 'lo mismo para el 45210'])('"%s" is a follow-up', (text) => {
    expect(isEllipticalFollowUp(text)).toBe(true);
  });
  it.each(['¿y dónde está mi pedido 12345?', 'y quiero devolverlo', 'yo quiero devolver el pedido 45210'])('"%s" is not', (text) => {
    expect(isEllipticalFollowUp(text)).toBe(false);
  });
  it('"and the hours?" continues the last request; a long "and …" sentence does not', () => {
    expect(continuesPreviousRequest('and the hours?')).toBe(true);
    expect(continuesPreviousRequest('and I would also like to know how long a refund takes to arrive')).toBe(false);
  });

  it('keep the store and replace the day, or keep the day and replace the store', async () => {
    await scriptConversation(acme, { locale: 'es' })
      .user('¿a qué hora abre la tienda de Boston?')
      .expectReply(/Nuestra tienda de Boston abre/)
      .user('¿y el domingo?')
      .expectReply(/El domingo nuestra tienda de Boston abre de 12:00–17:00/)
      .user('¿y Seattle?')
      .expectReply(/Nuestra tienda de Seattle cierra los domingo/)
      .run();
  });
});

describe('knowledge or action: a question or a problem is answered and the action offered, not started', () => {
  it('"can I <verb> …" asks for the intent\'s flow only with a verb its examples use', () => {
    expect(asksAboutOtherAction(acme.registry, 'order_status', 'can I change the delivery address of my order?')).toBe(true);
    expect(asksAboutOtherAction(acme.registry, 'return_item', 'can I send something back')).toBe(false);
    expect(asksAboutOtherAction(acme.registry, 'order_status', 'where is my order?')).toBe(false);
  });

  it('"my order arrived damaged" tells of a problem; "my parcel hasn\'t arrived yet" asks where it is', () => {
    expect(isExplicitRequest('my order arrived damaged')).toBe(false);
    expect(isExplicitRequest('my package arrived broken')).toBe(false);
    expect(isExplicitRequest("my parcel hasn't arrived yet")).toBe(true);
    expect(isExplicitRequest('has my order arrived')).toBe(true);
  });

  it('"can I …?" under a condition asks about the rules; without one it still asks to act', async () => {
    expect(asksForAction('can I return something I bought on sale?')).toBe(false);
    expect(asksForAction('can I send it back if it was opened?')).toBe(false);
    expect(asksForAction('can I send something back')).toBe(true);
    expect(asksForAction('can you open a return for order 45210?')).toBe(true);
    const [turn] = await scriptConversation(acme)
      .user('can I return something I bought on sale?')
      .expectReply(/Source: returns-and-refunds\.md/)
      .expectReply(/Would you like to return an item\?/)
      .run();
    expect(turn?.replies.join(' ')).not.toMatch(/Which order is the return for/);
  });

  it('an answer from an intent that only replies offers the action whose own verb the question uses', async () => {
    expect(actionNamedIn(acme.registry, 'do I have to pay for return shipping?')).toBe('return_item');
    expect(actionNamedIn(acme.registry, 'how much is express shipping?')).toBeUndefined();
    await scriptConversation(acme)
      .user('do I have to pay for return shipping?')
      .expectReply(/Source: returns-and-refunds\.md/)
      .expectReply(/Would you like to return an item\?/)
      .expectNoCommand()
      .run();
  });

  it('a question naming a value of a flow with side effects is answered, the flow offered; a request still books', async () => {
    await scriptConversation(library)
      .user('what time do you close on thursday')
      .expectReply(/Source: visiting\.md/)
      .expectNoCommand()
      .run();
    await scriptConversation(library)
      .user('can a group of 6 use a study room?')
      .expectReply(/Study rooms for 1 to 4 people/)
      .expectReply(/Would you like to book a study room\?/)
      .run();
    await scriptConversation(library).user('can you book a study room for 3 on thursday?').expectReply(/Book a study room for 3 on thursday\?/).run();
  });

  it('answers, offers and waits for "yes"', async () => {
    await scriptConversation(acme)
      .user('can I change the delivery address of my order?')
      .expectReply(/Source: shipping-and-delivery\.md/)
      .expectReply(/Would you like to track an order\?/)
      .expectNoCommand()
      .run();
    await scriptConversation(acme).user('my order arrived damaged').expectReply(/Source: /).expectNoCommand().run();
    await scriptConversation(acme)
      .user('the shoes I got are the wrong size')
      .expectReply(/Source: returns-and-refunds\.md › Returns and refunds › Exchanges/)
      .expectReply(/Would you like to return an item\?/)
      .user('yes')
      .expectReply(/Which order is the return for\?/)
      .run();
  });
});
