/**
 * Writes the training data of `train-sentence-encoder.py` as one JSON file: paraphrase clusters from CLINC150 and
 * Banking77 (utterances of one intent; HWU64 is share-alike and left out), self-supervised pairs from a bot's own
 * knowledge documents (heading ↔ each of its sentences, sentence ↔ its passage, neighbouring sentences; never its question files), and the
 * GloVe vector of every token, tokenised by `tokenizeUtterance` exactly as the Node encoder reads text.
 * Run: `npx tsx engine/knowledge/training/prepare-sentence-encoder-data.ts <knowledge dir> <out.json>`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinWordVectors } from '../../nlu/load-word-vectors.ts';
import { tokenizeUtterance } from '../../nlu/tokenize-utterance.ts';
import { chunkDocument } from '../chunk-document.ts';
import { densePassageText } from '../dense-index.ts';
import { splitSentences } from '../split-sentences.ts';

const [knowledgeDir = 'examples/acme/knowledge', outPath = '/tmp/sentence-encoder-data.json'] = process.argv.slice(2);
const datasets = process.env.PARLEY_DATASETS ?? join(import.meta.dirname, '../../../../shared/datasets');
const vectors = builtinWordVectors();

const tokenIndex = new Map<string, number>();
const tokens: { word: string; row: number; vector: number[] }[] = [];
/** Token ids of a text (words without a vector dropped), or undefined when none is left. */
function encode(text: string): number[] | undefined {
  const ids: number[] = [];
  for (const word of tokenizeUtterance(text)) {
    const row = vectors.rowOf(word);
    if (row < 0) continue;
    let id = tokenIndex.get(word);
    if (id === undefined) {
      const sum = new Float64Array(vectors.dimensions);
      vectors.addRow(row, 1, sum);
      id = tokens.length;
      tokens.push({ word, row, vector: Array.from(sum, (v) => Number(v.toFixed(5))) });
      tokenIndex.set(word, id);
    }
    ids.push(id);
  }
  return ids.length > 0 ? ids.slice(0, 64) : undefined;
}

const clusters: number[][][] = [];
for (const name of ['clinc150', 'banking77']) {
  const byIntent = new Map<string, number[][]>();
  for (const line of readFileSync(join(datasets, name, 'train.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const { text, intent } = JSON.parse(line) as { text: string; intent: string };
    if (intent === 'oos') continue;
    const ids = encode(text);
    if (ids) byIntent.set(intent, [...(byIntent.get(intent) ?? []), ids]);
  }
  clusters.push(...byIntent.values());
}

const pairs: [number[], number[]][] = [];
for (const file of readdirSync(knowledgeDir).filter((f) => f.endsWith('.md'))) {
  for (const chunk of chunkDocument({ file, content: readFileSync(join(knowledgeDir, file), 'utf8') })) {
    const heading = encode(chunk.headingPath.join(' '));
    const passage = encode(densePassageText(chunk));
    const sentences = splitSentences(chunk.text)
      .map(encode)
      .filter((ids) => ids !== undefined);
    sentences.forEach((ids, i) => {
      if (heading) pairs.push([heading, ids]);
      if (passage && sentences.length > 1) pairs.push([ids, passage]);
      const next = sentences[i + 1];
      if (next) pairs.push([ids, next]);
    });
  }
}

writeFileSync(outPath, JSON.stringify({ dimensions: vectors.dimensions, tokens, clusters, pairs }));
console.log(`${tokens.length} tokens, ${clusters.length} clusters, ${clusters.flat().length} utterances, ${pairs.length} document pairs → ${outPath}`);
