/**
 * Re-runs the grid search that chose `defaultKnowledgeRelevanceOptions`, on the tuning questions
 * (`acme-kb-tune.jsonl`, in scope) and `acme-kb-unrelated.jsonl` (out of scope) — never on the
 * evaluation set. Prints the best settings, one JSON line each, best first; the last line is the best.
 * Run by hand: `npx tsx test/engine/knowledge/calibrate-relevance.ts [knowledge dir]` (takes minutes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument } from '../../../engine/knowledge/chunk-document.ts';
import { createKnowledgeIndex } from '../../../engine/knowledge/knowledge-index.ts';
import type { KnowledgeRelevanceOptions } from '../../../engine/knowledge/knowledge-relevance.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const dir = process.argv[2] ?? join(import.meta.dirname, '../../../examples/acme/knowledge');
const questions = (name: string) =>
  readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question: string }).question);
const inScope = questions('acme-kb-tune.jsonl');
const outOfScope = questions('acme-kb-unrelated.jsonl');
const documents = readdirSync(dir)
  .filter((file) => /\.(md|markdown|html?|txt)$/i.test(file))
  .map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));

const grid: Record<
  keyof Pick<
    KnowledgeRelevanceOptions,
    'unknownWordWeight' | 'minEvidence' | 'fullCoverage' | 'minCoveredEvidence' | 'minCoverage'
  >,
  number[]
> = {
  unknownWordWeight: [0.5, 0.6, 0.7],
  minEvidence: [0.95, 1.05, 1.15],
  fullCoverage: [0.5, 0.6, 0.7],
  minCoveredEvidence: [0.2, 0.3, 0.4, 0.5],
  minCoverage: [0.1, 0.15, 0.2],
};

const results: {
  score: number;
  accepted: number;
  rejected: number;
  relevance: Partial<KnowledgeRelevanceOptions>;
}[] = [];
const combinations = Object.entries(grid).reduce<Record<string, number>[]>(
  (all, [key, values]) => all.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value }))),
  [{}],
);
for (const relevance of combinations) {
  const index = createKnowledgeIndex({ relevance });
  for (const document of documents) index.setDocument(document.file, chunkDocument(document));
  const accepted = inScope.filter((q) => index.search(q, 5)[0]?.relevant).length / inScope.length;
  const rejected =
    outOfScope.filter((q) => !index.search(q, 5).some((hit) => hit.relevant)).length / outOfScope.length;
  results.push({ score: accepted + rejected, accepted, rejected, relevance });
}
results.sort((a, b) => a.score - b.score);
for (const result of results.slice(-10)) console.log(JSON.stringify(result));
