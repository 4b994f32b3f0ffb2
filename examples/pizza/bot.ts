import { builtinSkills, defineBot } from 'parley';
import { createMemoryKitchen, createPizzaSkill } from './pizza-skill.ts';

/**
 * The pizza shop, a second example bot built only from parley's public API: `npx parley chat --bot examples/pizza`.
 * Its cancel intent drops the built-in "actually …" examples, so "actually make it large" reads as a correction.
 */
export const bot = defineBot({
  name: 'Pizza shop',
  description: 'Orders pizzas, checks the delivery area, and answers questions about toppings and allergens.',
  setup: () => ({
    skills: [
      ...builtinSkills({
        greeting: "Hi! I'm the pizza bot. I can take your order, check if we deliver to you, and tell you about toppings.",
        intents: { cancel: { examples: (defaults) => defaults.filter((e) => !/^actually\b/i.test(e)) } },
      }),
      createPizzaSkill(createMemoryKitchen()),
    ],
  }),
});
