import { afterAll, describe, expect, it } from 'vitest';
import { parseConversationStories } from '../../../channels/cli/conversation-story.ts';
import { runStories } from '../../../channels/cli/run-stories.ts';
import { createBot } from '../../../core/create-bot.ts';
import { builtinSkills } from '../../../skills/builtin/builtin-skills.ts';
import { defineCommand } from '../../../skills/command-definition.ts';
import { defineSkill } from '../../../skills/define-skill.ts';
import { z } from 'zod';
import { keywordClassifier } from '../../support/keyword-classifier.ts';

/** A bot in English and Spanish whose command takes a relative date, so a story needs a clock and a language. */
const visits = defineSkill({
  name: 'visits',
  intents: { visit: { title: 'Book a visit', examples: ['book a visit'] } },
  entities: { day: { kind: 'date' } },
  flows: {
    visit: {
      description: 'booking a visit',
      slots: { day: { entity: 'day', prompt: 'Which day?' } },
      steps: [{ collect: 'day' }, { call: 'book_visit' }, { respond: (s) => `Booked for ${s.slots.day}.` }],
    },
  },
  commands: { book_visit: defineCommand({ description: 'book the visit', parameters: z.object({ day: z.string() }), execute: async ({ day }) => ({ day }) }) },
  locales: {
    es: {
      intents: { visit: { title: 'Reservar una visita', examples: ['reservar una visita'] } },
      flows: { visit: { description: 'reservar una visita', slots: { day: { prompt: '¿Qué día?' } }, steps: [null, null, { respond: (s) => `Reservado para el ${s.slots.day}.` }] } },
      commands: { book_visit: { description: 'reservar la visita' } },
    },
  },
});

const classifier = keywordClassifier([
  { keyword: 'visit', ranking: [['visit', 0.95]] },
  { keyword: 'visita', ranking: [['visit', 0.95]] },
]);
const bot = await createBot({ skills: [...builtinSkills(), visits], classifier, locales: { supported: ['en', 'es'] } });
afterAll(() => bot.close());

const stories = `stories:
  - name: next friday, whatever the day the tests run
    now: "2026-12-07T10:00:00Z"
    turns:
      - user: book a visit
        reply: Which day?
      - user: next friday
        command: { name: book_visit, args: { day: "2026-12-18" } }
  - name: in Spanish
    locale: es
    now: "2026-12-07T10:00:00+01:00"
    turns:
      - user: reservar una visita
        reply: ¿Qué día?
      - user: pasado mañana
        command: { name: book_visit, args: { day: "2026-12-09" } }
        reply: Reservado para el 2026-12-09.
`;

describe('conversation stories with a locale and a clock', () => {
  it('plays each story in its locale, with relative dates read against its clock', async () => {
    const report = await runStories(bot, parseConversationStories(stories, 'visits.yaml'));
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(2);
  }, 60_000);

  it('names a bad locale or clock with the story path', () => {
    expect(() => parseConversationStories('stories:\n  - name: x\n    now: next week\n    turns: [{ user: hi }]\n', 'a.yaml')).toThrow(
      /a\.yaml: stories\[0\]\.now.*ISO date-time/,
    );
    expect(() => parseConversationStories('stories:\n  - name: x\n    locale: spanish!\n    turns: [{ user: hi }]\n', 'a.yaml')).toThrow(
      /a\.yaml: stories\[0\]\.locale.*language tag/,
    );
  });
});
