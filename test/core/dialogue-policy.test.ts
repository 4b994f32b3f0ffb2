import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBot } from '../../core/create-bot.ts';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { keywordClassifier } from '../support/keyword-classifier.ts';

const booked: unknown[] = [];
const skill = defineSkill({
  name: 'travel',
  intents: {
    book_flight: { examples: ['book a flight'], title: 'Book a flight' },
    book_hotel: { examples: ['book a hotel'], title: 'Book a hotel' },
    cancel: { examples: ['cancel'], action: 'cancel' },
  },
  entities: { city: { kind: 'lookup', values: { Paris: ['paris'], Rome: ['rome'] } } },
  flows: {
    book_flight: {
      description: 'booking a flight',
      slots: {
        city: {
          entity: 'city',
          prompt: 'Where to?',
          label: 'destination',
          schema: z.enum(['Paris', 'Rome']),
          invalidMessage: 'We fly to Paris or Rome.',
        },
      },
      steps: [{ collect: 'city' }, { call: 'book' }, { respond: (s) => `Booked ${String(s.slots.city)}.` }],
    },
    book_hotel: { description: 'booking a hotel', steps: [{ respond: 'Which hotel?' }] },
  },
  commands: {
    book: defineCommand({
      description: 'book the flight',
      sideEffects: true,
      parameters: z.object({ city: z.string() }),
      async execute(args) {
        booked.push(args);
        return { ok: true };
      },
    }),
  },
});

const classifier = keywordClassifier([
  { keyword: 'cancel', ranking: [['cancel', 0.9]] },
  { keyword: 'book something', ranking: [['book_flight', 0.45], ['book_hotel', 0.4]] },
  { keyword: 'flight', ranking: [['book_flight', 0.9], ['book_hotel', 0.05]] },
  { keyword: 'hotel', ranking: [['book_hotel', 0.9], ['book_flight', 0.05]] },
  { keyword: 'mumble', ranking: [['book_hotel', 0.2]] },
]);

describe('dialogue policy', () => {
  it('asks which intent was meant when the top two are close, and follows the answer', async () => {
    const bot = await createBot({ skills: [skill], classifier });
    await scriptConversation(bot)
      .user('book something').expectReply('Did you mean "Book a flight" or "Book a hotel"?').expectSuggestion('Book a hotel')
      .user('Book a flight').expectReply('Where to?')
      .run();
    await scriptConversation(bot)
      .user('book something to paris').expectReply(/Did you mean/)
      .user('the first one').expectReply(/Shall I book the flight\?/)
      .run();
  });

  it('falls back with suggestions when confidence is low', async () => {
    const bot = await createBot({ skills: [skill], classifier });
    await scriptConversation(bot).user('mumble').expectReply(/didn't understand/).expectSuggestion('Book a flight').run();
  });

  it('asks for confirmation before a side-effect command even when the flow has no confirm step', async () => {
    booked.length = 0;
    const bot = await createBot({ skills: [skill], classifier });
    await scriptConversation(bot)
      .user('flight to rome').expectReply('Shall I book the flight?').expectNoCommand()
      .user('maybe').expectReply('Please answer yes or no.').expectReply('Shall I book the flight?')
      .user('yes').expectCommand('book', { city: 'Rome' }).expectReply('Booked Rome.')
      .run();
    expect(booked).toEqual([{ city: 'Rome' }]);
  });

  it('corrects a slot with "no, ... instead" before confirming', async () => {
    const bot = await createBot({ skills: [skill], classifier });
    await scriptConversation(bot)
      .user('flight to rome').expectReply('Shall I book the flight?')
      .user('no, paris instead').expectReply('Got it, I\'ve changed the destination to Paris.').expectReply('Shall I book the flight?')
      .run();
  });

  it('gives up on a slot after three invalid answers', async () => {
    const bot = await createBot({ skills: [skill], classifier });
    await scriptConversation(bot)
      .user('flight').expectReply('Where to?')
      .user('x').user('y').user('z').expectReply(/leave that for now/)
      .run();
  });
});
