/**
 * Measures the lead sentence (what a voice reply speaks) on the three bots' question sets: of the questions whose
 * quoted passage (`selectAnswerPassage` with `isPlausibleKnowledgeHit`) holds the answer, how many leads do, for each
 * share of the collection's concept weights in the lead choice (`collectionShare`). `--shares 0,0.75` picks the
 * shares; `--misses <set>` (e.g. `waste-kb-questions`) lists that set's leads that miss at each share.
 * Run by hand: `npx tsx test/engine/knowledge/measure-leads.ts` (under a minute).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPlausibleKnowledgeHit, selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

const { values } = parseArgs({ options: { shares: { type: 'string' }, misses: { type: 'string' } } });
const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures');
const plain = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
const bots: Array<[dir: string, sets: string[]]> = [
  ['test/fixtures/bots/waste/knowledge', ['waste-kb-questions']],
  ['test/fixtures/bots/library/knowledge', ['library-kb-questions']],
  [
    'examples/acme/knowledge',
    ['acme-kb-tuning', 'acme-kb-tune', 'acme-kb-eval', 'acme-kb-validation', 'acme-kb-heldout'],
  ],
];
const knowledgeBases = bots.map(([dir]) =>
  createMemoryKnowledgeBase({
    documents: readdirSync(join(root, dir))
      .filter((file) => file.endsWith('.md'))
      .map((file) => ({ file, content: readFileSync(join(root, dir, file), 'utf8') })),
  }),
);

for (const collectionShare of (values.shares ?? '0,0.25,0.5,0.75,1').split(',').map(Number)) {
  const row: Record<string, string | number> = { collectionShare };
  for (const [b, [, sets]] of bots.entries()) {
    for (const set of sets) {
      const lines = parseKnowledgeEvalLines({
        text: readFileSync(join(fixtures, `${set}.jsonl`), 'utf8'),
        source: set,
      });
      let passages = 0;
      let leads = 0;
      for (const line of lines) {
        const hits = await knowledgeBases[b]!.search(line.question);
        const answer = selectAnswerPassage({
          question: line.question,
          hits,
          accept: isPlausibleKnowledgeHit,
          collectionShare,
        });
        const holds = (text: string) => line.answer_contains.some((a) => plain(text).includes(plain(a)));
        if (!answer || !holds(answer.passage)) continue;
        passages++;
        if (holds(answer.lead)) leads++;
        else if (values.misses === set)
          console.error(`  ${collectionShare} ${line.question} → ${answer.lead.slice(0, 100)}`);
      }
      row[set] = `${leads}/${passages}`;
    }
  }
  console.log(JSON.stringify(row));
}
