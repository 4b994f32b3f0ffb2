import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateKnowledge, type KnowledgeEvalReport } from '../../../channels/cli/evaluate-knowledge.ts';
import type { Bot } from '../../../core/create-bot.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { sayToBot } from '../../support/say-to-bot.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';

/**
 * #23 checked from outside on a second bot (Riverside City Library, `test/fixtures/bots/library`): 50 questions in
 * customers' words and 15 the documents do not answer, written before looking at the retrieval code, asked through
 * the whole bot as `parley eval --kb` does. The floors are the measured figures less a small margin (docs/knowledge.md,
 * "Checked on a second bot").
 */
const fixtures = join(import.meta.dirname, '../../fixtures');
const questions = parseKnowledgeEvalLines({ text: readFileSync(join(fixtures, 'library-kb-questions.jsonl'), 'utf8'), source: 'library-kb-questions.jsonl' });
const unanswered = readFileSync(join(fixtures, 'library-kb-unanswered.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { question: string }).question);

let bot: Bot;
let report: KnowledgeEvalReport;
beforeAll(async () => {
  bot = (await loadLibraryBot()).bot;
  report = await evaluateKnowledge(bot, questions);
}, 120_000);
afterAll(async () => bot.close());

describe('the library question sets', () => {
  it('cover every document, and share no question', () => {
    expect(questions.length).toBeGreaterThanOrEqual(50);
    expect(new Set(questions.map((line) => line.doc)).size).toBe(5);
    expect(unanswered.length).toBeGreaterThanOrEqual(15);
    const asked = new Set(questions.map((line) => line.question.toLowerCase()));
    expect(unanswered.filter((question) => asked.has(question.toLowerCase()))).toEqual([]);
  });
});

describe('knowledge answers of a second bot, through the whole bot', () => {
  it('finds the document and answers at least as well as measured (0.98 / 0.72 / 0.60)', () => {
    expect(report.retrieval_recall_at_5).toBeGreaterThanOrEqual(0.95);
    expect(report.retrieval_recall_at_1).toBeGreaterThanOrEqual(0.66);
    expect(report.answer_accuracy).toBeGreaterThanOrEqual(0.54);
  });

  it('quotes no passage for the questions the documents do not answer at least as often as measured (5 of 15)', async () => {
    let withoutPassage = 0;
    const say = sayToBot(bot);
    for (const [i, question] of unanswered.entries()) {
      const reply = await say(`library-unanswered-${i}`, question);
      if (!reply.includes('Source:')) withoutPassage++;
    }
    expect(withoutPassage).toBeGreaterThanOrEqual(4);
  });

  it('has no relevant passage for at least 9 of the 15 in the engine alone (measured 10)', async () => {
    let rejected = 0;
    for (const question of unanswered) if (!(await bot.knowledge!.search(question)).some((hit) => hit.relevant)) rejected++;
    expect(rejected).toBeGreaterThanOrEqual(9);
  });
});
