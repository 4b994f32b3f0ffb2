/**
 * Measures the lead sentence (what a voice reply speaks) on the three bots' question sets, as "leads / passages /
 * questions": how many leads hold the answer, how many first quoted passages (`selectAnswerPassage` with
 * `isPlausibleKnowledgeHit`) do, of how many questions; for each share of the collection's concept weights in the
 * lead choice (`--shares 0,0.75`, `collectionShare`) and each `leadScoreRatio` (`--ratios Infinity,1.5`).
 * `--misses <set>` (e.g. `waste-kb-questions`) lists that set's leads that miss the answer its passage holds.
 * Run by hand: `npx tsx test/engine/knowledge/measure-leads.ts` (under a minute).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isPlausibleKnowledgeHit, selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

const { values } = parseArgs({
  options: { shares: { type: 'string' }, ratios: { type: 'string' }, misses: { type: 'string' } },
});
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

const settings = (values.ratios ?? '1.5')
  .split(',')
  .map(Number)
  .flatMap((leadScoreRatio) =>
    (values.shares ?? '0,0.25,0.5,0.75,1')
      .split(',')
      .map(Number)
      .map((collectionShare) => ({ collectionShare, leadScoreRatio })),
  );
for (const { collectionShare, leadScoreRatio } of settings) {
  const row: Record<string, string | number> = { collectionShare, leadScoreRatio: String(leadScoreRatio) };
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
          leadScoreRatio,
        });
        const holds = (text: string) => line.answer_contains.some((a) => plain(text).includes(plain(a)));
        if (!answer || !holds(answer.passage)) continue;
        passages++;
        if (holds(answer.lead)) leads++;
        else if (values.misses === set)
          console.error(`  ${collectionShare} ${line.question} → ${answer.lead.slice(0, 100)}`);
      }
      row[set] = `${leads}/${passages}/${lines.length}`;
    }
  }
  console.log(JSON.stringify(row));
}
