/**
 * Measures knowledge answering through the whole bot on the three bots (Acme, the library, the waste service), as
 * `parley eval --kb` does, plus what happens to each set of questions the documents do not answer: declined (no
 * passage quoted), hedged (a passage quoted after `messages.tentativeAnswer`) or answered as if the passage answered.
 * One JSON line per set. `--heading-precision 0.5` sets `hybrid.alignmentHeadingPrecision` for the run (by changing
 * the default before the bots load); `--only waste,library` picks bots; `--misses` lists the questions not answered;
 * `--hybrid agreementEvidence=0.5` (repeatable) sets any other hybrid option the same way.
 * Run by hand: `npx tsx test/engine/knowledge/measure-three-bots.ts [--heading-precision X] [--only bots]` (~1 minute).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateKnowledge } from '../../../channels/cli/evaluate-knowledge.ts';
import { defaultDialogueMessages } from '../../../core/contracts/dialogue-messages.ts';
import type { Bot } from '../../../core/create-bot.ts';
import { defaultHybridSearchOptions } from '../../../engine/knowledge/hybrid-search.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';
import { loadWasteBot } from '../../support/load-waste-bot.ts';

const { values } = parseArgs({
  options: {
    'heading-precision': { type: 'string' },
    only: { type: 'string' },
    misses: { type: 'boolean' },
    hybrid: { type: 'string', multiple: true },
  },
});
if (values['heading-precision'] !== undefined)
  defaultHybridSearchOptions.alignmentHeadingPrecision = Number(values['heading-precision']);
for (const setting of values.hybrid ?? []) {
  const [key, value] = setting.split('=') as [keyof typeof defaultHybridSearchOptions, string];
  if (!(key in defaultHybridSearchOptions)) throw new Error(`--hybrid ${setting}: no such option`);
  defaultHybridSearchOptions[key] = Number(value);
}
const only = values.only?.split(',');

const fixtures = join(import.meta.dirname, '../../fixtures');
const questionsOf = (name: string) =>
  readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question);
const hedge = defaultDialogueMessages.tentativeAnswer ?? '';

/** Each unanswerable question as the first turn of a fresh conversation: declined, hedged or answered. */
async function unanswerable(bot: Bot, questions: readonly string[]) {
  const counts = { declined: 0, hedged: 0, answered: 0, relevant: 0, answeredQuestions: [] as string[] };
  for (const question of questions) {
    const result = await bot.handle({
      id: randomUUID(),
      conversationId: `unanswerable-${randomUUID()}`,
      user: { id: 'eval', verified: false },
      channel: 'eval',
      text: question,
      locale: 'en',
      timestamp: Date.now(),
    });
    const reply = result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join('\n');
    if (!reply.includes('Source:')) counts.declined++;
    else if (reply.includes(hedge)) counts.hedged++;
    else {
      counts.answered++;
      counts.answeredQuestions.push(question);
    }
    if ((await bot.knowledge?.search(question))?.some((hit) => hit.relevant)) counts.relevant++;
  }
  return counts;
}

const bots: Array<{ name: string; load: () => Promise<{ bot: Bot }>; sets: string[]; unanswered: string[] }> =
  [
    {
      name: 'waste',
      load: loadWasteBot,
      sets: ['waste-kb-questions.jsonl'],
      unanswered: ['waste-kb-unanswered.jsonl'],
    },
    {
      name: 'library',
      load: loadLibraryBot,
      sets: ['library-kb-questions.jsonl'],
      unanswered: ['library-kb-unanswered.jsonl'],
    },
    {
      name: 'acme',
      load: () => loadAcme(),
      sets: [
        'acme-kb-tuning.jsonl',
        'acme-kb-eval.jsonl',
        'acme-kb-validation.jsonl',
        'acme-kb-heldout.jsonl',
      ],
      unanswered: ['acme-kb-tuning-unanswered.jsonl', 'acme-kb-heldout-unanswered.jsonl'],
    },
  ];
for (const entry of bots.filter((b) => !only || only.includes(b.name))) {
  const { bot } = await entry.load();
  for (const set of entry.sets) {
    const report = await evaluateKnowledge(
      bot,
      parseKnowledgeEvalLines({ text: readFileSync(join(fixtures, set), 'utf8'), source: set }),
    );
    const answered = Math.round(report.answer_accuracy * report.n);
    console.log(
      JSON.stringify({
        set,
        n: report.n,
        answered,
        answer_accuracy: Number(report.answer_accuracy.toFixed(3)),
        recall_at_1: Number(report.retrieval_recall_at_1.toFixed(3)),
        recall_at_5: Number(report.retrieval_recall_at_5.toFixed(3)),
        search_ms: report.search_ms,
        turn_ms: report.turn_ms,
        ...(values.misses ? { missed: report.misses.filter((m) => !m.answered).map((m) => m.question) } : {}),
      }),
    );
  }
  for (const set of entry.unanswered) {
    const { answeredQuestions, ...counts } = await unanswerable(bot, questionsOf(set));
    console.log(JSON.stringify({ set, ...counts, answeredQuestions }));
  }
  await bot.close();
}
