import { englishStopWords } from '../../engine/knowledge/english-stop-words.ts';
import type { WordVectors } from '../../engine/nlu/word-vectors.ts';
import type { SpeechLanguage, WeightedPhrase } from '../../engine/speech/speech-language.ts';

/** Options of {@link neighbourCorpus}. */
export interface NeighbourCorpusOptions {
  /** Pretrained word vectors whose rows list words by frequency (the shipped GloVe). */
  vectors: WordVectors;
  /** Words a neighbour may be (those the recognizer can pronounce). */
  candidates: Iterable<string>;
  /** Only the vectors' first `commonest` rows may be neighbours: a customer's word, not a rare one. Default 20,000. */
  commonest?: number;
  /** Neighbours of each word, taken in turn. Default 5. */
  neighbours?: number;
  /** Least cosine similarity of a neighbour. Default 0.6. */
  minimumSimilarity?: number;
}

/**
 * Paraphrases for a statistical model, by meaning: each top-level phrase of `language` once more with one content
 * word (not a stop word, three letters or more; the phrase's content words taken in turn) swapped for one of its
 * nearest GloVe neighbours (taken in turn), so the recognizer may hear words customers use in place of the
 * examples' ("store" → "shop", "cancel" → "postpone"). Deterministic: the same language and vectors give the same
 * sentences. What `npm run bench:stt -- --approaches neighbours-ranked` mixes in as the language's corpus.
 */
export function neighbourCorpus(language: SpeechLanguage, options: NeighbourCorpusOptions): WeightedPhrase[] {
  const nearest = nearestWords(options);
  const limit = options.neighbours ?? 5;
  const memo = new Map<string, string[]>();
  const turn = new Map<string, number>();
  const corpus: WeightedPhrase[] = [];
  let phraseNumber = 0;
  for (const phrase of language.phrases) {
    const spots = phrase.items.flatMap((item, i) => (typeof item === 'string' && /^[a-z]{3,}$/.test(item) && !englishStopWords.has(item) ? [i] : []));
    if (spots.length === 0) continue;
    const at = spots[phraseNumber++ % spots.length]!;
    const word = phrase.items[at] as string;
    let near = memo.get(word);
    if (!near) {
      near = nearest(word, limit);
      memo.set(word, near);
    }
    if (near.length === 0) continue;
    const n = turn.get(word) ?? 0;
    turn.set(word, n + 1);
    corpus.push({ items: phrase.items.map((item, i) => (i === at ? near[n % near.length]! : item)) });
  }
  return corpus;
}

/** Cosine nearest neighbours among the common candidates, nearest first (ties by spelling). */
function nearestWords(options: NeighbourCorpusOptions): (word: string, limit: number) => string[] {
  const { vectors } = options;
  const commonest = options.commonest ?? 20_000;
  const minimumSimilarity = options.minimumSimilarity ?? 0.6;
  const unitVector = (row: number): Float64Array => {
    const v = new Float64Array(vectors.dimensions);
    vectors.addRow(row, 1, v);
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  };
  const pool: Array<{ word: string; row: number; unit: Float64Array }> = [];
  for (const word of options.candidates) {
    const row = vectors.rowOf(word);
    if (row >= 0 && row < commonest && /^[a-z]+$/.test(word)) pool.push({ word, row, unit: unitVector(row) });
  }
  return (word, limit) => {
    const row = vectors.rowOf(word);
    if (row < 0) return [];
    const query = unitVector(row);
    const found: Array<{ word: string; similarity: number }> = [];
    for (const candidate of pool) {
      if (candidate.row === row) continue;
      let dot = 0;
      for (let d = 0; d < query.length; d++) dot += query[d]! * candidate.unit[d]!;
      if (dot >= minimumSimilarity) found.push({ word: candidate.word, similarity: dot });
    }
    found.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
    return found.slice(0, limit).map((f) => f.word);
  };
}
