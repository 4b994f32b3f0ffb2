/**
 * The engine rows of docs/knowledge.md's ablation table: for keyword search alone, hybrid search as first built,
 * hybrid search with the lead-section rule (`HybridSearchOptions.leadEvidence`), with the alignment re-ranking (the
 * default) and with answering when aligned (`answerAlignment`), the share of questions whose first
 * section holds the answer and whose quoted passage (`selectAnswerPassage`) does, on the tuning set
 * (`acme-kb-tuning.jsonl`, customers' words), the older calibration set (`acme-kb-tune.jsonl`) and the evaluation set,
 * and how many questions the documents do not answer still get a passage (`acme-kb-unrelated.jsonl` and
 * `acme-kb-tuning-unanswered.jsonl`). The validation set is scored only with `--validation`, never while tuning.
 * Run by hand: `npx tsx test/engine/knowledge/ablate-knowledge.ts [--validation] [--encoder=sif|trained|both]` (a few seconds).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { chunkDocument } from '../../../engine/knowledge/chunk-document.ts';
import { createDenseIndex } from '../../../engine/knowledge/dense-index.ts';
import { defaultHybridSearchOptions, fuseKnowledgeHits, type HybridSearchOptions } from '../../../engine/knowledge/hybrid-search.ts';
import { type KnowledgeEvalLine, parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createKnowledgeIndex } from '../../../engine/knowledge/knowledge-index.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';
import { createSifSentenceEncoder } from '../../../engine/knowledge/sif-sentence-encoder.ts';
import { concatenateSentenceEncoders } from '../../../engine/knowledge/concatenated-sentence-encoder.ts';
import { createTrainedSentenceEncoder } from '../../../engine/knowledge/trained-sentence-encoder.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const dir = join(import.meta.dirname, '../../../examples/acme/knowledge');
const read = (name: string) => readFileSync(join(fixtures, `acme-kb-${name}.jsonl`), 'utf8');
const sets: Record<string, KnowledgeEvalLine[]> = {};
for (const name of ['tuning', 'tune', 'eval', ...(process.argv.includes('--validation') ? ['validation'] : [])])
  sets[name] = parseKnowledgeEvalLines({ text: read(name) });
const unanswered = ['unrelated', 'tuning-unanswered'].flatMap((name) =>
  read(name).split('\n').filter((line) => line.trim() !== '').map((line) => (JSON.parse(line) as { question: string }).question),
);

const index = createKnowledgeIndex();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')))
  index.setDocument(file, chunkDocument({ file, content: readFileSync(join(dir, file), 'utf8') }));
// --encoder=sif (default) | trained | both (SIF and the trained encoder's cosines averaged); --model=<model.onnx>.
const encoderFlag = process.argv.find((a) => a.startsWith('--encoder='))?.slice('--encoder='.length) ?? 'sif';
const modelFlag = process.argv.find((a) => a.startsWith('--model='))?.slice('--model='.length);
const trained = encoderFlag === 'sif' ? undefined : await createTrainedSentenceEncoder(modelFlag ? { path: modelFlag } : {});
const encoder = !trained ? createSifSentenceEncoder() : encoderFlag === 'both' ? concatenateSentenceEncoders([createSifSentenceEncoder(), trained]) : trained;
const dense = createDenseIndex({ encoder });
await dense.sync(index.chunks());

const documents = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const reranking = new Map<string, ReturnType<typeof createMemoryKnowledgeBase>>();

async function hitsOf(question: string, options: HybridSearchOptions | 'keywords') {
  if (options === 'keywords') return index.search(question, 5);
  if (options.alignmentWeight > 0) {
    // Re-ranking runs inside the retriever: search through a knowledge base with these options.
    const key = JSON.stringify(options);
    const kb = reranking.get(key) ?? createMemoryKnowledgeBase({ documents, hybrid: options, encoder });
    reranking.set(key, kb);
    return kb.search(question, 5);
  }
  const lexical = index.search(question, index.chunkCount);
  if (lexical.length === 0) return [];
  return fuseKnowledgeHits({ lexical, dense: await dense.search(question), chunkOf: (id) => index.chunk(id), k: 5, options });
}

const plain = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
const holds = (line: KnowledgeEvalLine, text: string) => line.answer_contains.some((a) => plain(text).includes(plain(a)));
const rate = (count: number, n: number) => Number((count / n).toFixed(3));

async function row(label: string, options: HybridSearchOptions | 'keywords') {
  const out: Record<string, unknown> = { label };
  for (const [name, lines] of Object.entries(sets)) {
    let first = 0;
    let quoted = 0;
    for (const line of lines) {
      const hits = await hitsOf(line.question, options);
      if (hits[0] && holds(line, hits[0].text)) first++;
      const answer = selectAnswerPassage({ question: line.question, hits });
      if (answer && holds(line, answer.text)) quoted++;
    }
    out[name] = `${rate(first, lines.length)} / ${rate(quoted, lines.length)}`;
  }
  let accepted = 0;
  for (const question of unanswered) if ((await hitsOf(question, options)).some((h) => h.relevant)) accepted++;
  out[`unanswered accepted (of ${unanswered.length})`] = accepted;
  console.log(JSON.stringify(out));
}

await row('keywords (BM25 + synonyms)', 'keywords');
const fusedOnly = { ...defaultHybridSearchOptions, alignmentWeight: 0 };
await row('hybrid, first relevant hit quoted', { ...fusedOnly, leadEvidence: Number.POSITIVE_INFINITY });
await row('hybrid + lead section', fusedOnly);
await row('+ alignment re-ranking (default)', defaultHybridSearchOptions);
await row('+ answer when aligned (answerAlignment 0.4)', { ...defaultHybridSearchOptions, answerAlignment: 0.4 });
