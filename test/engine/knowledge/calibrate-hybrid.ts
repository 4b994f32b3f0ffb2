/**
 * Re-runs the grid search that chose `defaultHybridSearchOptions`, on the tuning questions (`acme-kb-tune.jsonl`)
 * and `acme-kb-unrelated.jsonl` — never on the evaluation or validation sets. For each setting it prints one JSON
 * line: document recall@1, the share of tuning questions whose chosen passage holds the answer, and the share of
 * unrelated questions that get a relevant passage (lower is better); the last line is the best by
 * answered − unrelated accepted. Also prints the keyword-only and dense-only rows for the ablation table.
 * Run by hand: `npx tsx test/engine/knowledge/calibrate-hybrid.ts` (about a minute).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { createDenseIndex, type DenseMatch } from '../../../engine/knowledge/dense-index.ts';
import { defaultHybridSearchOptions, fuseKnowledgeHits, type HybridSearchOptions } from '../../../engine/knowledge/hybrid-search.ts';
import type { KnowledgeHit } from '../../../engine/knowledge/knowledge-base.ts';
import { chunkDocument } from '../../../engine/knowledge/chunk-document.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createKnowledgeIndex } from '../../../engine/knowledge/knowledge-index.ts';
import { createSifSentenceEncoder } from '../../../engine/knowledge/sif-sentence-encoder.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const dir = join(import.meta.dirname, '../../../examples/acme/knowledge');
const tune = parseKnowledgeEvalLines({ text: readFileSync(join(fixtures, 'acme-kb-tune.jsonl'), 'utf8') });
const unrelated = readFileSync(join(fixtures, 'acme-kb-unrelated.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { question: string }).question);

const index = createKnowledgeIndex();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
  index.setDocument(file, chunkDocument({ file, content: readFileSync(join(dir, file), 'utf8') }));
}
const dense = createDenseIndex({ encoder: createSifSentenceEncoder() });
await dense.sync(index.chunks());

const cache = new Map<string, { lexical: KnowledgeHit[]; dense: DenseMatch[] }>();
for (const question of [...tune.map((l) => l.question), ...unrelated]) {
  cache.set(question, { lexical: index.search(question, index.chunkCount), dense: await dense.search(question) });
}

type Mode = 'keyword' | 'dense' | 'hybrid';
function hitsOf(question: string, mode: Mode, options: HybridSearchOptions): KnowledgeHit[] {
  const { lexical, dense: matches } = cache.get(question)!;
  if (mode === 'keyword' || lexical.length === 0) return lexical.slice(0, 5);
  const order = mode === 'dense' ? { ...options, denseWeight: 1e6 } : options;
  return fuseKnowledgeHits({ lexical, dense: matches, chunkOf: (id) => index.chunk(id), k: 5, options: order });
}

function measure(mode: Mode, options: HybridSearchOptions) {
  let top = 0;
  let answered = 0;
  for (const line of tune) {
    const hits = hitsOf(line.question, mode, options);
    if (hits[0]?.file === line.doc) top++;
    const text = selectAnswerPassage({ question: line.question, hits })?.text.toLowerCase() ?? '';
    if (line.answer_contains.some((s) => text.includes(s.toLowerCase()))) answered++;
  }
  const accepted = unrelated.filter((q) => hitsOf(q, mode, options).some((h) => h.relevant)).length;
  return {
    mode,
    ...(mode === 'hybrid' ? { denseWeight: options.denseWeight, fusionK: options.fusionK, agreementSimilarity: options.agreementSimilarity } : {}),
    recall_at_1: Number((top / tune.length).toFixed(3)),
    answered: Number((answered / tune.length).toFixed(3)),
    unrelated_accepted: Number((accepted / unrelated.length).toFixed(3)),
  };
}

const noAgreement = { ...defaultHybridSearchOptions, agreementSimilarity: 2 };
console.log(JSON.stringify(measure('keyword', noAgreement)));
console.log(JSON.stringify(measure('dense', noAgreement)));
const rows = [];
for (const denseWeight of [0, 0.1, 0.25, 0.5, 1])
  for (const fusionK of [5, 10, 30, 60])
    for (const agreementSimilarity of [0.45, 0.5, 0.55, 2]) rows.push(measure('hybrid', { ...defaultHybridSearchOptions, denseWeight, fusionK, agreementSimilarity }));
rows.sort((a, b) => a.answered - a.unrelated_accepted - (b.answered - b.unrelated_accepted));
for (const row of rows.slice(-12)) console.log(JSON.stringify(row));
