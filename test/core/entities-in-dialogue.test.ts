import { afterAll, describe, expect, it } from 'vitest';
import { createBot } from '../../core/create-bot.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { keywordClassifier } from '../support/keyword-classifier.ts';
import { sayToBot } from '../support/say-to-bot.ts';

/** Monday 7 December 2026, 12:00 in Madrid. */
const monday = Date.parse('2026-12-07T11:00:00Z');

const skill = defineSkill({
  name: 'tables',
  intents: {
    book_table: {
      title: 'Book a table',
      examples: [
        'book a table for [four](guests)',
        'a table for [two](guests) tomorrow at 9pm',
        'tomorrow at 8pm, a table for [6](guests)',
        'next friday at 7pm for [three](guests) people',
        'on saturday at 9pm we are [five](guests)',
        'reserve a table at 8pm for [2](guests)',
        'friday at 9pm, table for [ten](guests) please',
        'I need a table',
      ],
    },
  },
  entities: { guests: { kind: 'number' }, when: { kind: 'datetime' } },
  flows: {
    book_table: {
      description: 'booking a table',
      slots: { guests: { entity: 'guests', prompt: 'How many people?' }, when: { entity: 'when', prompt: 'When?' } },
      steps: [{ collect: 'guests' }, { collect: 'when' }, { respond: (s) => `Table for ${String(s.slots.guests)} on ${String(s.slots.when)}.` }],
    },
  },
});

const classifier = keywordClassifier([
  { keyword: 'table', ranking: [['book_table', 0.95]] },
  { keyword: 'mesa', ranking: [['book_table', 0.95]] },
]);
const bot = await createBot({ skills: [skill], classifier, timeZone: 'Europe/Madrid', now: () => monday });
afterAll(() => bot.close());

const say = sayToBot(bot, monday);

describe('entities in the dialogue', () => {
  it('fills a number slot where the learned span says, and a date-time slot from a relative date', async () => {
    // Without the learned span the first number (9) would be taken for the guests.
    expect(await say('c1', 'next tuesday at 9pm, a table for four', 'en')).toBe('Table for 4 on 2026-12-15T21:00.');
  });

  it("reads a Spanish turn's numbers and relative dates in Spanish, against the turn's clock and the bot's time zone", async () => {
    expect(await say('c2', 'una mesa para cuatro', 'es')).toBe('When?');
    expect(await say('c2', 'mañana a las 5', 'es')).toBe('Table for 4 on 2026-12-08T17:00.');
  });

  it('trains the classifier on the plain text of annotated examples', () => {
    expect(bot.registry.examples().map((e) => e.text)).toContain('book a table for four');
  });
});

describe('annotated examples at load', () => {
  it('refuses broken entity markup, naming the skill, intent and example', async () => {
    const broken = defineSkill({
      name: 'flights',
      intents: { fly: { examples: ['fly to [Paris](city)', 'fly to [Rome(city)'], response: 'ok' } },
      entities: { city: { kind: 'learned' } },
    });
    await expect(createBot({ skills: [broken], classifier })).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/skills\.flights\.intents\.fly\.examples\[1\].*\[text\]\(entity\)/),
    });
  });
});
