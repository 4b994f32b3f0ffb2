import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateKnowledge, type KnowledgeEvalReport } from '../../../channels/cli/evaluate-knowledge.ts';
import { defaultDialogueMessages } from '../../../core/contracts/dialogue-messages.ts';
import type { Bot } from '../../../core/create-bot.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { type SayToBot, sayToBot } from '../../support/say-to-bot.ts';
import { loadWasteBot } from '../../support/load-waste-bot.ts';

/**
 * #23 checked from outside on a third bot (Greenvale Waste & Recycling, `test/fixtures/bots/waste`): 60 questions in
 * customers' words and 20 the documents do not answer, written and committed before any result was seen, asked
 * through the whole bot as `parley eval --kb` does. The floors are the measured figures less a small margin
 * (docs/knowledge.md, "Checked on a third bot").
 */
const fixtures = join(import.meta.dirname, '../../fixtures');
const questions = parseKnowledgeEvalLines({
  text: readFileSync(join(fixtures, 'waste-kb-questions.jsonl'), 'utf8'),
  source: 'waste-kb-questions.jsonl',
});
const unanswered = readFileSync(join(fixtures, 'waste-kb-unanswered.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { question: string }).question);

let bot: Bot;
/** The bot's reply texts to one message in a conversation. */
let say: SayToBot;
let report: KnowledgeEvalReport;
beforeAll(async () => {
  bot = (await loadWasteBot()).bot;
  say = sayToBot(bot);
  report = await evaluateKnowledge(bot, questions);
}, 120_000);
afterAll(async () => bot.close());

describe('the waste question sets', () => {
  it('cover every document, and share no question', () => {
    expect(questions.length).toBe(60);
    expect(new Set(questions.map((line) => line.doc)).size).toBe(5);
    expect(unanswered.length).toBe(20);
    const asked = new Set(questions.map((line) => line.question.toLowerCase()));
    expect(unanswered.filter((question) => asked.has(question.toLowerCase()))).toEqual([]);
  });
});

describe('knowledge answers of a third bot, through the whole bot', () => {
  it('finds the document and answers at least as well as measured (0.95 / 0.80 / 0.65)', () => {
    expect(report.retrieval_recall_at_5).toBeGreaterThanOrEqual(0.93);
    expect(report.retrieval_recall_at_1).toBeGreaterThanOrEqual(0.75);
    expect(report.answer_accuracy).toBeGreaterThanOrEqual(0.6);
  });

  it('declines or hedges the questions the documents do not answer at least as often as measured (13 of 20)', async () => {
    let declinedOrHedged = 0;
    for (const [i, question] of unanswered.entries()) {
      const reply = await say(`waste-unanswered-${i}`, question);
      if (!reply.includes('Source:') || reply.includes(defaultDialogueMessages.tentativeAnswer!))
        declinedOrHedged++;
    }
    expect(declinedOrHedged).toBeGreaterThanOrEqual(12);
  });

  it('has no relevant passage for at least 12 of the 20 in the engine alone (measured 13)', async () => {
    let rejected = 0;
    for (const question of unanswered)
      if (!(await bot.knowledge!.search(question)).some((hit) => hit.relevant)) rejected++;
    expect(rejected).toBeGreaterThanOrEqual(12);
  });
});

describe('the third bot acts as well as it answers', () => {
  it('books a bulky pickup with the item and day from the request, after a confirmation', async () => {
    const id = 'waste-bulky';
    expect(await say(id, 'please book a pickup for my old sofa on friday')).toContain(
      'Book a bulky waste pickup of your sofa on friday?',
    );
    expect(await say(id, 'yes')).toMatch(/reference W-\d+/);
  });

  it('asks for the bin it does not know, then reports the missed bin', async () => {
    const id = 'waste-missed';
    expect(await say(id, 'report a missed bin')).toContain('Which bin was missed');
    expect(await say(id, 'the green one')).toContain('house number and street');
    expect(await say(id, '14 Orchard Close')).toContain(
      'Report the green garden bin at 14 Orchard Close as missed?',
    );
    expect(await say(id, 'yes')).toMatch(/reference W-\d+/);
  });

  it('hands over to the waste team', async () => {
    const result = await bot.handle({
      id: randomUUID(),
      conversationId: 'waste-handoff',
      user: { id: 'eval', verified: false },
      channel: 'eval',
      text: 'can I speak to a real person',
      locale: 'en',
      timestamp: Date.now(),
    });
    expect(result.events.some((e) => e.type === 'handoff')).toBe(true);
  });
});
