import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBot } from '../../../core/create-bot.ts';
import { builtinSkills } from '../../../skills/builtin/builtin-skills.ts';
import { defineCommand } from '../../../skills/command-definition.ts';
import { defineSkill } from '../../../skills/define-skill.ts';
import { keywordClassifier } from '../../support/keyword-classifier.ts';
import { sayToBot } from '../../support/say-to-bot.ts';

/** Monday 7 December 2026, 10:00 UTC. */
const monday = Date.parse('2026-12-07T10:00:00Z');

/** A dentist's appointment form whose slots are all typed entities, none with a schema that would reject words. */
const skill = defineSkill({
  name: 'clinic',
  intents: { book: { title: 'Book an appointment', examples: ['book an appointment', 'I need to see the dentist'] } },
  entities: { day: { kind: 'date' }, time: { kind: 'time' }, patients: { kind: 'number' }, email: { kind: 'email' } },
  flows: {
    book: {
      description: 'booking an appointment',
      slots: {
        day: { entity: 'day', prompt: 'Which day?' },
        time: { entity: 'time', prompt: 'At what time?' },
        patients: { entity: 'patients', prompt: 'For how many people?', schema: z.number().int().min(1).max(4), invalidMessage: 'We book 1 to 4 people.' },
        email: { entity: 'email', prompt: 'Which e-mail address?', label: 'e-mail address' },
      },
      steps: [
        { collect: 'day' },
        { collect: 'time' },
        { collect: 'patients' },
        { collect: 'email' },
        { respond: (s) => `Booked ${s.slots.patients} on ${s.slots.day} at ${s.slots.time} for ${s.slots.email}.` },
      ],
    },
  },
});

const classifier = keywordClassifier([
  { keyword: 'appointment', ranking: [['book', 0.95]] },
  { keyword: 'stop', ranking: [['cancel', 0.9]] },
  // A small bot's classifier can read a bare day as a cancel ("pasado mañana" did): confident, and still no cancel.
  { keyword: 'monday', ranking: [['cancel', 0.9]] },
]);
const bot = await createBot({ skills: [...builtinSkills(), skill], classifier, now: () => monday });
afterAll(() => bot.close());

const say = sayToBot(bot, monday);

describe('slots of typed entities', () => {
  it('never takes words the entity found nothing in: "yes" is no e-mail address, "soon" no day', async () => {
    expect(await say('c1', 'book an appointment')).toBe('Which day?');
    expect(await say('c1', 'soon')).toBe("Sorry, I didn't catch the day. Which day?");
    expect(await say('c1', 'tomorrow')).toBe('At what time?');
    expect(await say('c1', 'at 11am')).toBe('For how many people?');
    expect(await say('c1', '2')).toBe('Which e-mail address?');
    expect(await say('c1', 'yes')).toBe("Sorry, I didn't catch the e-mail address. Which e-mail address?");
    expect(await say('c1', 'ann@example.com')).toBe('Booked 2 on 2026-12-08 at 11:00 for ann@example.com.');
  });

  it('takes a turn that is nothing but a value of the asked slot as the answer, whatever intent it resembles', async () => {
    expect(await say('c5', 'book an appointment')).toBe('Which day?');
    expect(await say('c5', 'next monday')).toBe('At what time?');
    expect(await say('c5', 'stop, monday is bad')).toMatch(/^Okay, I've stopped/);
  });

  it('hears a correction said with Spanish cue words', async () => {
    expect(await say('c6', 'book an appointment')).toBe('Which day?');
    expect(await say('c6', 'tomorrow at 11am')).toBe('For how many people?');
    expect(await say('c6', '2')).toBe('Which e-mail address?');
    expect(await say('c6', 'perdona, mejor 3')).toBe("Got it, I've changed the patients to 3. Which e-mail address?");
    expect(await say('c6', 'que sean 4')).toBe("Got it, I've changed the patients to 4. Which e-mail address?");
  });

  it('takes a restatement of the flow for no answer: the question stands, without "didn\'t catch"', async () => {
    expect(await say('c7', 'book an appointment')).toBe('Which day?');
    expect(await say('c7', 'I said I want an appointment')).toBe('Which day?');
    expect(await say('c7', 'stop')).toMatch(/^Okay, I've stopped/);
  });

  it('asks the question a cancel interrupted again when the user restates the request', async () => {
    const booking = defineSkill({
      name: 'visits',
      intents: { visit: { title: 'Book a visit', examples: ['book a visit'] } },
      entities: { when: { kind: 'date' }, hour: { kind: 'time' } },
      flows: {
        visit: {
          description: 'booking a visit',
          cancelQuestion: 'Cancel your visit?',
          slots: { when: { entity: 'when', prompt: 'Which day?' }, hour: { entity: 'hour', prompt: 'What time?' } },
          steps: [{ collect: 'when' }, { collect: 'hour' }, { call: 'book_visit' }],
        },
      },
      commands: {
        book_visit: defineCommand({ description: 'book it', sideEffects: true, parameters: z.object({ when: z.string(), hour: z.string() }), execute: async () => ({}) }),
      },
    });
    const rules = keywordClassifier([
      { keyword: 'visit', ranking: [['visit', 0.95]] },
      { keyword: 'stop', ranking: [['cancel', 0.95]] },
    ]);
    const visits = await createBot({ skills: [...builtinSkills(), booking], classifier: rules, now: () => monday });
    let n = 0;
    const replies = async (text: string) => {
      n += 1;
      const { events } = await visits.handle({ id: `v${n}`, conversationId: 'v1', user: { id: 'u1', verified: false }, channel: 'rest', text, locale: 'en', timestamp: monday });
      return events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join(' ');
    };
    try {
      expect(await replies('book a visit')).toBe('Which day?');
      expect(await replies('friday')).toBe('What time?');
      expect(await replies('stop')).toBe('Cancel your visit?');
      expect(await replies('I want to book a visit')).toBe('What time?');
    } finally {
      await visits.close();
    }
  });

  it('takes the hour of a time for the time, never for a number of people', async () => {
    expect(await say('c3', 'book an appointment')).toBe('Which day?');
    expect(await say('c3', 'tomorrow at 3pm')).toBe('For how many people?');
    expect(await say('c4', 'book an appointment')).toBe('Which day?');
    expect(await say('c4', 'friday')).toBe('At what time?');
    expect(await say('c4', 'at 10')).toBe('For how many people?');
    expect(await say('c4', '3')).toBe('Which e-mail address?');
    expect(await say('c4', 'bo@example.com')).toBe('Booked 3 on 2026-12-11 at 10:00 for bo@example.com.');
  });
});
