import { afterAll, beforeAll, describe, it } from 'vitest';
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
