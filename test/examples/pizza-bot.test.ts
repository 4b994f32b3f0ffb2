import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, builtinSkills, createBot } from 'parley';
import { scriptConversation } from 'parley/testing';
import { createMemoryKitchen, createPizzaSkill } from '../../examples/pizza/pizza-skill.ts';

// The second example bot, built and tested only through the public entry points.
const kitchen = createMemoryKitchen();
let bot: Bot;

beforeAll(async () => {
  bot = await createBot({
    skills: [
      ...builtinSkills({ intents: { cancel: { examples: (d) => d.filter((e) => !/^actually\b/i.test(e)) } } }),
      createPizzaSkill(kitchen),
    ],
  });
});
afterAll(async () => bot.close());

/** Up to the confirmation of a medium pizza with mushrooms to Main Street 5, 10115. */
const toConfirmation = () =>
  scriptConversation(bot)
    .user('I want to order a pizza')
    .expectReply(/What size/)
    .user('medium')
    .expectReply(/Which toppings/)
    .user('mushrooms')
    .expectReply(/delivery address/)
    .user('Main Street 5')
    .expectReply(/postcode/)
    .user('10115')
    .expectReply(/a medium pizza with mushrooms to Main Street 5, 10115\. Shall I place the order\?/);

describe('pizza bot: corrections at the confirmation', () => {
  for (const phrase of ['actually make it large', 'change the size to large', 'no, the large one']) {
    it(`"${phrase}" changes the size and asks again, without cancelling or "yes or no"`, async () => {
      await toConfirmation()
        .user(phrase)
        .expectReply(/changed the size to large/)
        .expectReply(/a large pizza with mushrooms/)
        .expectNoCommand()
        .user('yes')
        .expectCommand('place_order', { size: 'large', toppings: ['mushrooms'], address: 'Main Street 5', postcode: '10115' })
        .run();
    });
  }

  it('"make it 40211" changes the postcode', async () => {
    await toConfirmation()
      .user('make it 40211')
      .expectReply(/changed the postcode to 40211/)
      .expectReply(/Main Street 5, 40211\. Shall I place/)
      .run();
  });
});

describe('pizza bot: cancelling an order asks first', () => {
  it('asks "Cancel your order?" and carries on after "no"', async () => {
    await scriptConversation(bot)
      .user('I want to order a pizza')
      .user('large')
      .expectReply(/Which toppings/)
      .user('cancel')
      .expectReply('Cancel your order?')
      .user('no')
      .expectReply(/carry on/)
      .expectReply(/Which toppings/)
      .user('ham')
      .expectReply(/delivery address/)
      .user('stop')
      .expectReply('Cancel your order?')
      .user('yes')
      .expectReply('Okay, your order is cancelled.')
      .run();
  });
});

describe('pizza bot: free-text slot', () => {
  const toAddress = () =>
    scriptConversation(bot)
      .user('I want to order a pizza')
      .user('medium')
      .user('olives')
      .expectReply(/delivery address/);

  it('answers a question instead of taking it as the address, then asks again', async () => {
    await toAddress()
      .user('what toppings do you have?')
      .expectReply(/We have pepperoni/)
      .expectReply(/delivery address/)
      .user('Main Street 5')
      .expectReply(/postcode/)
      .run();
  });

  it('takes "make it a large one" as the size, not the address', async () => {
    await toAddress()
      .user('make it a large one')
      .expectReply(/changed the size to large/)
      .expectReply(/delivery address/)
      .user('Main Street 5')
      .user('10115')
      .expectReply(/a large pizza with olives to Main Street 5/)
      .run();
  });

  it('rejects "yes" as an address', async () => {
    await toAddress().user('yes').expectReply(/street and house number/).expectReply(/delivery address/).run();
  });
});

describe('pizza bot: adding to and taking from the toppings', () => {
  // Asked for the address (a free-text slot) with pepperoni and olives chosen.
  const atAddress = () =>
    scriptConversation(bot).user('a large pizza with pepperoni and olives please').expectReply(/delivery address/);
  const cases: Array<[string, RegExp, string[]]> = [
    ['add mushrooms too', /changed the toppings to pepperoni, olives, and mushrooms/, ['pepperoni', 'olives', 'mushrooms']],
    ['could you also put ham on it', /changed the toppings to pepperoni, olives, and ham/, ['pepperoni', 'olives', 'ham']],
    ['and onions', /changed the toppings to pepperoni, olives, and onions/, ['pepperoni', 'olives', 'onions']],
    ['hold the olives', /changed the toppings to pepperoni\./, ['pepperoni']],
    ['no pepperoni, add ham', /changed the toppings to olives and ham/, ['olives', 'ham']],
    ['actually no pepperoni, make it pineapple', /changed the toppings to pineapple\./, ['pineapple']],
  ];
  for (const [phrase, said, toppings] of cases) {
    it(`"${phrase}" while the address is asked edits the toppings, not the address`, async () => {
      await atAddress()
        .user(phrase)
        .expectReply(said)
        .expectReply(/delivery address/)
        .user('Main Street 5')
        .user('10115')
        .expectReply(/Shall I place the order/)
        .user('yes')
        .expectCommand('place_order', { size: 'large', toppings, address: 'Main Street 5', postcode: '10115' })
        .run();
    });
  }

  it('edits the toppings at the postcode and at the confirmation too, and an address with a topping word stays an address', async () => {
    await atAddress()
      .user('12 Mushroom Lane')
      .expectReply(/postcode/)
      .user('without the olives')
      .expectReply(/changed the toppings to pepperoni\./)
      .expectReply(/postcode/)
      .user('10115')
      .expectReply(/a large pizza with pepperoni to 12 Mushroom Lane, 10115/)
      .user('add green peppers')
      .expectReply(/changed the toppings to pepperoni and green peppers/)
      .user('yes')
      .expectCommand('place_order', { size: 'large', toppings: ['pepperoni', 'green peppers'], address: '12 Mushroom Lane', postcode: '10115' })
      .run();
  });

  it('answers "do you have mushrooms?" as a question, leaving the toppings as they are', async () => {
    await atAddress()
      .user('do you have mushrooms?')
      .expectReply(/We have pepperoni/)
      .user('Main Street 5')
      .user('10115')
      .expectReply(/a large pizza with pepperoni, olives to Main Street 5/)
      .run();
  });
});

describe('pizza bot: over-informative answers and typos', () => {
  it('fills every slot an answer names', async () => {
    await scriptConversation(bot)
      .user('I want to order a pizza')
      .expectReply(/What size/)
      .user('large with pepperoni and mushrooms')
      .expectReply(/delivery address/)
      .user('Main Street 5')
      .user('40211')
      .expectReply(/a large pizza with pepperoni, mushrooms to Main Street 5, 40211/)
      .run();
  });

  it('fills the postcode a free-text address also gives', async () => {
    await scriptConversation(bot)
      .user('I want to order a pizza')
      .user('small')
      .user('ham')
      .expectReply(/delivery address/)
      .user('Main Street 5, 40211')
      .expectReply(/a small pizza with ham to Main Street 5, 40211\. Shall I place the order\?/)
      .run();
  });

  it('takes "larg" for large and says so', async () => {
    await scriptConversation(bot)
      .user('I want to order a pizza')
      .user('larg')
      .expectReply('I took "larg" to mean large.')
      .expectReply(/Which toppings/)
      .run();
  });

  it('says which sizes there are when the answer is none of them', async () => {
    await scriptConversation(bot)
      .user('I want to order a pizza')
      .user('enormous')
      .expectReply('Please choose a size: small, medium or large.')
      .run();
  });

  it('places the order once after the yes', async () => {
    const before = kitchen.orders.length;
    await toConfirmation().user('yes').expectReply(/Your order P-\d+ is on its way/).run();
    expect(kitchen.orders.length).toBe(before + 1);
  });
});
