import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBot } from '../../../core/create-bot.ts';
import { builtinSkills } from '../../../skills/builtin/builtin-skills.ts';
import { defineSkill } from '../../../skills/define-skill.ts';
import { keywordClassifier } from '../../support/keyword-classifier.ts';
import { sayToBot } from '../../support/say-to-bot.ts';

/** A restaurant's booking form whose party size is a `people` entity. */
const skill = defineSkill({
  name: 'tables',
  intents: { book_table: { title: 'Book a table', examples: ['book a table', 'I need a table'] } },
  entities: { guests: { kind: 'people' } },
  flows: {
    book_table: {
      description: 'booking a table',
      slots: { guests: { entity: 'guests', prompt: 'For how many people?', schema: z.number().int().min(1).max(8), invalidMessage: 'We seat 1 to 8 people.' } },
      steps: [{ collect: 'guests' }, { respond: (s) => `A table for ${s.slots.guests}.` }],
    },
  },
});
const classifier = keywordClassifier([{ keyword: 'table', ranking: [['book_table', 0.95]] }]);
const bot = await createBot({ skills: [...builtinSkills(), skill], classifier });
afterAll(() => bot.close());

const say = sayToBot(bot);

describe('a party-size slot of the people kind', () => {
  it('takes "just me", "me and my wife" and "myself and 3 friends" as counts', async () => {
    expect(await say('p1', 'book a table')).toBe('For how many people?');
    expect(await say('p1', 'just me')).toBe('A table for 1.');
    expect(await say('p2', 'book a table')).toBe('For how many people?');
    expect(await say('p2', 'me and my wife')).toBe('A table for 2.');
    expect(await say('p3', 'book a table')).toBe('For how many people?');
    expect(await say('p3', 'myself and 3 friends')).toBe('A table for 4.');
  });

  it('fills the slot from the request itself, and asks again when no number is said', async () => {
    expect(await say('p4', 'I need a table for the four of us')).toBe('A table for 4.');
    expect(await say('p5', 'book a table')).toBe('For how many people?');
    expect(await say('p5', 'me and my kids')).toMatch(/For how many people\?$/);
    expect(await say('p5', 'me and my 2 kids')).toBe('A table for 3.');
  });
});
