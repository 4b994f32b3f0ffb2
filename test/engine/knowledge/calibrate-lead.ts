/**
 * Measures the lead sentence (`chooseLeadSentence`, what a voice reply speaks) on the tuning sets only
 * (`acme-kb-tuning.jsonl`, `acme-kb-tune.jsonl`): of the questions whose quoted passage holds the answer, how many
 * leads do, for each weight of the answer-kind cues ("how long" → a duration). Pass `--validation` or `--eval` to
 * report on those sets at the end (never while choosing).
 * Run by hand: `npx tsx test/engine/knowledge/calibrate-lead.ts` (a few seconds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlausibleKnowledgeHit, selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { type KnowledgeEvalLine, parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const dir = join(import.meta.dirname, '../../../examples/acme/knowledge');
const names = ['tuning', 'tune', ...['validation', 'eval'].filter((name) => process.argv.includes(`--${name}`))];
const sets = Object.fromEntries(names.map((name) => [name, parseKnowledgeEvalLines({ text: readFileSync(join(fixtures, `acme-kb-${name}.jsonl`), 'utf8') })]));
const documents = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const kb = createMemoryKnowledgeBase({ documents });
const plain = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
const holds = (line: KnowledgeEvalLine, text: string) => line.answer_contains.some((a) => plain(text).includes(plain(a)));

for (const cueWeight of [0, 0.25, 0.5, 1]) {
  const out: Record<string, unknown> = { cueWeight };
  for (const [name, lines] of Object.entries(sets)) {
    let passages = 0;
    let leads = 0;
    for (const line of lines) {
      const hits = await kb.search(line.question);
      const answer = selectAnswerPassage({ question: line.question, hits, accept: isPlausibleKnowledgeHit, cueWeight });
      if (!answer || !holds(line, answer.text)) continue;
      passages++;
      if (holds(line, answer.lead)) leads++;
      else if (process.argv.includes('--misses') && cueWeight === 0.5) console.log(`  ${name}: ${line.question} → ${answer.lead}`);
    }
    out[name] = `${leads} of ${passages} leads hold the answer (${(leads / passages).toFixed(3)})`;
  }
  console.log(JSON.stringify(out));
}
