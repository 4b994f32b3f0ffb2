/**
 * The dense half alone, by encoder: the share of tuning / eval questions whose first (and any of the first five)
 * sections by cosine hold the answer, for SIF over GloVe, the trained encoder and both averaged, so an encoder is
 * judged before it is fused with BM25. Run by hand:
 * `npx tsx test/engine/knowledge/compare-sentence-encoders.ts [--model=<model.onnx>] [--validation]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument } from '../../../engine/knowledge/chunk-document.ts';
import { concatenateSentenceEncoders } from '../../../engine/knowledge/concatenated-sentence-encoder.ts';
import { createDenseIndex } from '../../../engine/knowledge/dense-index.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createKnowledgeIndex } from '../../../engine/knowledge/knowledge-index.ts';
import type { SentenceEncoder } from '../../../engine/knowledge/sentence-encoder.ts';
import { createSifSentenceEncoder } from '../../../engine/knowledge/sif-sentence-encoder.ts';
import { createTrainedSentenceEncoder } from '../../../engine/knowledge/trained-sentence-encoder.ts';

const fixtures = join(import.meta.dirname, '../../fixtures');
const dir = join(import.meta.dirname, '../../../examples/acme/knowledge');
const names = ['tuning', 'tune', 'eval', ...(process.argv.includes('--validation') ? ['validation'] : [])];
const sets = Object.fromEntries(names.map((n) => [n, parseKnowledgeEvalLines({ text: readFileSync(join(fixtures, `acme-kb-${n}.jsonl`), 'utf8') })]));
const index = createKnowledgeIndex();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')))
  index.setDocument(file, chunkDocument({ file, content: readFileSync(join(dir, file), 'utf8') }));
const plain = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();

const modelFlag = process.argv.find((a) => a.startsWith('--model='))?.slice('--model='.length);
const trained = await createTrainedSentenceEncoder(modelFlag ? { path: modelFlag } : {});
const encoders: Record<string, SentenceEncoder> = {
  sif: createSifSentenceEncoder(),
  trained,
  both: concatenateSentenceEncoders([createSifSentenceEncoder(), trained]),
};
for (const [label, encoder] of Object.entries(encoders)) {
  const dense = createDenseIndex({ encoder });
  const started = performance.now();
  await dense.sync(index.chunks());
  const out: Record<string, string | number> = { encoder: label, index_ms: Math.round(performance.now() - started) };
  for (const [name, lines] of Object.entries(sets)) {
    let at1 = 0;
    let at5 = 0;
    for (const line of lines) {
      const matches = await dense.search(line.question);
      const holds = (rank: number) => line.answer_contains.some((a) => plain(index.chunk(matches[rank]!.chunkId)!.text).includes(plain(a)));
      if (holds(0)) at1++;
      if ([0, 1, 2, 3, 4].some(holds)) at5++;
    }
    out[name] = `${(at1 / lines.length).toFixed(3)} / ${(at5 / lines.length).toFixed(3)}`;
  }
  console.log(JSON.stringify(out));
}
