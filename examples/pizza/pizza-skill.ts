import { z } from 'zod';
import { defineCommand, defineSkill, type SkillDefinition } from 'parley';
import { pizzaExamples } from './pizza-examples.ts';

/** An order the kitchen took. */
export interface PlacedOrder {
  ref: string;
  size: string;
  toppings: readonly string[];
  address: string;
  postcode: string;
}

/** Where the kitchen's orders go; the demo keeps them in memory. */
export interface PizzaKitchen {
  /** Postcodes the shop delivers to. */
  deliversTo: readonly string[];
  /** Takes an order; `key` makes a repeated call return the order already taken. */
  place(order: Omit<PlacedOrder, 'ref'>, key: string): Promise<PlacedOrder>;
}

/** A kitchen in memory, keyed by the call's idempotency key. */
export function createMemoryKitchen(deliversTo: readonly string[] = ['40211', '40213', '10115']): PizzaKitchen & { orders: PlacedOrder[] } {
  const byKey = new Map<string, PlacedOrder>();
  const orders: PlacedOrder[] = [];
  return {
    deliversTo,
    orders,
    async place(order, key) {
      const known = byKey.get(key);
      if (known) return known;
      const placed = { ...order, ref: `P-${1000 + orders.length + 1}` };
      byKey.set(key, placed);
      orders.push(placed);
      return placed;
    },
  };
}

const sizes = { small: ['s', 'little'], medium: ['regular', 'normal', 'm'], large: ['big', 'family size', 'l'] };
const toppings = {
  pepperoni: ['salami'],
  mushrooms: ['mushroom', 'champignons'],
  olives: ['olive'],
  ham: [],
  onions: ['onion'],
  'green peppers': ['peppers', 'pepper'],
  pineapple: [],
};
const postcode = z.string().regex(/^\d{5}$/, 'A postcode has 5 digits.');
/** The address with its postcode, once: an address typed with its postcode already has it. */
const fullAddress = (address = '', code = '') => (address.includes(code) ? address : `${address}, ${code}`);
const yesNo = /^\s*(yes|yeah|yep|no|nope|ok|okay|sure|y|n)\W*$/i;


/**
 * The pizza shop: order a pizza (size, toppings, address, postcode, confirmation, then `place_order`), check a
 * postcode (`check_delivery`), the toppings list and an allergen answer.
 */
export function createPizzaSkill(kitchen: PizzaKitchen): SkillDefinition {
  return defineSkill({
    name: 'pizza',
    intents: {
      order_pizza: { examples: pizzaExamples.order_pizza, title: 'Order a pizza' },
      list_toppings: {
        examples: pizzaExamples.list_toppings,
        title: 'Toppings',
        response: `We have ${Object.keys(toppings).join(', ')}.`,
      },
      allergens: {
        examples: pizzaExamples.allergens,
        title: 'Allergens',
        response: 'Our dough contains wheat (gluten); the cheese contains milk. We use no nuts. Ask the driver for the full allergen sheet.',
      },
      check_delivery: { examples: pizzaExamples.check_delivery, title: 'Check delivery area' },
    },
    entities: {
      size: { kind: 'lookup', values: sizes },
      topping: { kind: 'lookup', values: toppings },
      postcode: { kind: 'regex', pattern: /(?<!\d)\d{5}(?!\d)/ },
    },
    flows: {
      order_pizza: {
        description: 'ordering a pizza',
        cancelQuestion: 'Cancel your order?',
        cancelled: 'Okay, your order is cancelled.',
        slots: {
          size: { entity: 'size', prompt: 'What size: small, medium or large?', label: 'size' },
          toppings: { entity: 'topping', list: true, prompt: 'Which toppings would you like?', label: 'toppings' },
          address: {
            prompt: 'What is the delivery address (street and number)?',
            label: 'address',
            schema: z.string().min(4).max(200),
            invalidMessage: 'Please give me the street and house number.',
            // A function inside a slot annotates its parameter, so the slot types are known before the steps are typed.
            validate: (value: unknown) => (yesNo.test(String(value)) ? 'Please give me the street and house number.' : undefined),
          },
          postcode: { entity: 'postcode', prompt: 'And the postcode?', schema: postcode, label: 'postcode' },
        },
        steps: [
          { collect: 'size' },
          { collect: 'toppings' },
          { collect: 'address' },
          { collect: 'postcode' },
          {
            confirm: (s) =>
              `So that's a ${s.slots.size} pizza with ${s.slots.toppings?.join(', ')} to ${fullAddress(s.slots.address, s.slots.postcode)}. Shall I place the order?`,
            declined: "Okay, I haven't placed the order.",
          },
          { call: 'place_order' },
          { respond: (s) => `Your order ${s.results.place_order?.ref} is on its way: about 30 minutes.` },
        ],
      },
      check_delivery: {
        description: 'checking the delivery area',
        slots: { postcode: { entity: 'postcode', prompt: 'Which postcode?', schema: postcode, label: 'postcode' } },
        steps: [
          { collect: 'postcode' },
          { call: 'check_postcode' },
          {
            respond: (s) =>
              s.results.check_postcode?.delivers
                ? `Yes, we deliver to ${s.slots.postcode}.`
                : `Sorry, we don't deliver to ${s.slots.postcode} yet.`,
          },
        ],
      },
    },
    commands: {
      place_order: defineCommand({
        description: 'place your order',
        sideEffects: true,
        parameters: z.object({ size: z.string(), toppings: z.array(z.string()), address: z.string(), postcode }),
        async execute(order, ctx) {
          return kitchen.place(order, ctx.idempotencyKey);
        },
      }),
      check_postcode: defineCommand({
        description: 'check a postcode',
        parameters: z.object({ postcode }),
        async execute({ postcode: code }) {
          return { delivers: kitchen.deliversTo.includes(code) };
        },
      }),
    },
  });
}
