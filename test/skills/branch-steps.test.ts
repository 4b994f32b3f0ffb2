import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Bot, builtinSkills, createBot, defineCommand, defineSkill } from 'parley';
import { scriptConversation } from 'parley/testing';
import { flattenFlowSteps } from '../../skills/flatten-flow-steps.ts';

const delivered: string[] = [];
const delivery = defineSkill({
  name: 'delivery',
  intents: {
    check_delivery: {
      examples: ['do you deliver to 40211', 'can you deliver to my postcode', 'check delivery to 10115', 'do you ship to my area', 'is my postcode in your delivery area', 'delivery to 12345 possible?'],
    },
  },
  entities: { postcode: { kind: 'regex', pattern: /\b\d{5}\b/ } },
  flows: {
    check_delivery: {
      description: 'checking delivery',
      slots: {
        postcode: { entity: 'postcode', prompt: 'Which postcode?' },
        address: { prompt: 'Great, we deliver there. What is the street and number?' },
      },
      steps: [
        { collect: 'postcode' },
        { call: 'check_postcode' },
        {
          if: (s) => s.results.check_postcode?.delivers === true,
          // biome-ignore lint/suspicious/noThenProperty: a branch's `then` is a list of steps, not a function, so the step is no thenable
          then: [
            { collect: 'address' },
            {
              if: (s) => s.results.check_postcode?.express === true,
              // biome-ignore lint/suspicious/noThenProperty: a branch's `then` is a list of steps, not a function, so the step is no thenable
              then: [{ respond: (s) => `Express delivery to ${s.slots.address}, ${s.slots.postcode}: within the hour.` }],
              else: [{ respond: (s) => `Delivery to ${s.slots.address}, ${s.slots.postcode}: tomorrow.` }],
            },
            { call: 'note_address' },
          ],
          else: [{ respond: (s) => `Sorry, we don't deliver to ${s.slots.postcode}.` }],
        },
        { respond: 'Anything else?', when: (s) => s.results.check_postcode !== undefined },
      ],
    },
  },
  commands: {
    check_postcode: defineCommand({
      description: 'check a postcode',
      parameters: z.object({ postcode: z.string() }),
      async execute({ postcode }) {
        return { delivers: postcode.startsWith('4'), express: postcode === '40211' };
      },
    }),
    note_address: defineCommand({
      description: 'note the address',
      parameters: z.object({ address: z.string() }),
      async execute({ address }) {
        delivered.push(address);
        return { noted: true };
      },
    }),
  },
});

let bot: Bot;
beforeAll(async () => {
  bot = await createBot({ skills: [...builtinSkills(), delivery] });
}, 120_000);
afterAll(async () => bot.close());

describe('if / then / else steps', () => {
  it('runs the then branch, with a nested branch, when the condition holds', async () => {
    await scriptConversation(bot)
      .user('do you deliver to 40211')
      .expectCommand('check_postcode', { postcode: '40211' })
      .expectReply('What is the street and number?')
      .user('Main Street 5')
      .expectReply('Express delivery to Main Street 5, 40211: within the hour.')
      .expectCommand('note_address', { address: 'Main Street 5' })
      .expectReply('Anything else?')
      .run();
    await scriptConversation(bot)
      .user('do you deliver to 41000')
      .user('Elm Road 2')
      .expectReply('Delivery to Elm Road 2, 41000: tomorrow.')
      .run();
    expect(delivered).toEqual(['Main Street 5', 'Elm Road 2']);
  });

  it('runs the else branch and skips every then step when it does not', async () => {
    const [turn] = await scriptConversation(bot)
      .user('do you deliver to 10115')
      .expectReply("Sorry, we don't deliver to 10115.")
      .expectReply('Anything else?')
      .run();
    expect(turn?.replies.join(' ')).not.toMatch(/street|Delivery to/);
    expect(turn?.commands.map((c) => c.name)).toEqual(['check_postcode']);
  });

  it('lays branches out as plain guarded steps, a step keeping its own when', () => {
    const steps = flattenFlowSteps([
      {
        if: (s) => s.slots.a === 1,
        // biome-ignore lint/suspicious/noThenProperty: a branch's `then` is a list of steps, not a function, so the step is no thenable
        then: [{ respond: 'one' }, { respond: 'one and b', when: (s) => s.slots.b === true }],
        else: [{ respond: 'other' }],
      },
    ]);
    const state = (slots: Record<string, unknown>) => ({ slots, results: {}, user: { id: 'u', verified: false }, data: {} });
    const runs = (slots: Record<string, unknown>) => steps.filter((step) => step.when?.(state(slots)) ?? true).map((step) => ('respond' in step ? step.respond : ''));
    expect(runs({ a: 1 })).toEqual(['one']);
    expect(runs({ a: 1, b: true })).toEqual(['one', 'one and b']);
    expect(runs({ a: 2, b: true })).toEqual(['other']);
  });

  it('checks the names inside a branch like any step', () => {
    expect(() =>
      defineSkill({
        name: 'typo',
        intents: { x: { examples: ['x'] } },
        flows: {
          x: {
            description: 'x',
            slots: { size: { prompt: 'Size?' } },
            // @ts-expect-error: "sise" is not one of the flow's slots
            // biome-ignore lint/suspicious/noThenProperty: a branch's `then` is a list of steps, not a function
            steps: [{ if: () => true, then: [{ collect: 'sise' }] }],
          },
        },
      }),
    ).toThrow(/slot "sise" is not declared in slots/);
  });
});
