/**
 * Re-runs the grid search that chose the alignment re-ranking settings of `defaultHybridSearchOptions`
 * (`alignmentWeight`, `alignmentHeadingWeight`, `leadAlignment`), on the tuning sets only (`acme-kb-tuning.jsonl`,
 * `acme-kb-tune.jsonl`, and the unanswered `acme-kb-tuning-unanswered.jsonl`, `acme-kb-unrelated.jsonl`). For each
 * setting it prints one JSON line: per set, how many questions' first section holds the answer / how many quoted
 * passages (`selectAnswerPassage`) do, and how many unanswered questions get a relevant passage (lower is better).
 * Run by hand: `npx tsx test/engine/knowledge/calibrate-alignment.ts` (about half a minute).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { defaultHybridSearchOptions, type HybridSearchOptions } from '../../../engine/knowledge/hybrid-search.ts';
import { type KnowledgeEvalLine, parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const dir = join(import.meta.dirname, '../../../examples/acme/knowledge');
const read = (name: string) => readFileSync(join(fixtures, `acme-kb-${name}.jsonl`), 'utf8');
const sets: Record<string, KnowledgeEvalLine[]> = {};
for (const name of ['tuning', 'tune']) sets[name] = parseKnowledgeEvalLines({ text: read(name) });
const unanswered = ['unrelated', 'tuning-unanswered'].flatMap((name) =>
  read(name).split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { question: string }).question),
);
const documents = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const plain = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
const holds = (line: KnowledgeEvalLine, text: string) => line.answer_contains.some((a) => plain(text).includes(plain(a)));

/** One JSON line for one setting. */
export async function measure(hybrid: Partial<HybridSearchOptions>, label: string, show = false): Promise<void> {
  const kb = createMemoryKnowledgeBase({ documents, hybrid });
  const out: Record<string, unknown> = { label, ...hybrid };
  for (const [name, lines] of Object.entries(sets)) {
    let first = 0;
    let quoted = 0;
    for (const line of lines) {
      const hits = await kb.search(line.question);
      if (hits[0] && holds(line, hits[0].text)) first++;
      else if (show && name === 'tuning') console.log('  first misses:', line.question, '→', hits[0]?.headingPath.join(' › '));
      const answer = selectAnswerPassage({ question: line.question, hits });
      if (answer && holds(line, answer.text)) quoted++;
    }
    out[name] = `${first} / ${quoted} of ${lines.length}`;
  }
  let accepted = 0;
  for (const question of unanswered) if ((await kb.search(question)).some((h) => h.relevant)) accepted++;
  out[`unanswered accepted (of ${unanswered.length})`] = accepted;
  console.log(JSON.stringify(out));
}

if (process.argv[1] === import.meta.filename) {
  await measure({ alignmentWeight: 0 }, 'no re-ranking');
  for (const alignmentWeight of [0.25, 0.5, 1])
    for (const alignmentHeadingWeight of [1, 2, 3])
      for (const leadAlignment of [0.4, Number.POSITIVE_INFINITY])
        await measure({ alignmentWeight, alignmentHeadingWeight, leadAlignment }, 'alignment');
  for (const answerAlignment of [0.35, 0.4, 0.45, 0.5, 0.6]) await measure({ answerAlignment }, 'answer when aligned');
  await measure(defaultHybridSearchOptions, 'default', process.argv.includes('--misses'));
}
