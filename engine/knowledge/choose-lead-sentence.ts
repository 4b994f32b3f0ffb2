import type { KnowledgeAnalyzer, QueryConcept } from './knowledge-analyzer.ts';
import { cosineSimilarity } from './rerank-with-encoder.ts';
import type { SifSentenceEncoder } from './sif-sentence-encoder.ts';

/** What {@link chooseLeadSentence} weighs. */
export interface ChooseLeadSentenceInput {
  question: string;
  /** The passage's sentences, in document order (at least one). */
  sentences: readonly string[];
  analyzer: KnowledgeAnalyzer;
  /** Scores sentences by meaning too; without one, by the question's words alone. */
  encoder?: SifSentenceEncoder;
  /** Share of meaning in the score, in [0, 1]; the rest is the words' score relative to the best sentence. Default 0.5. */
  meaningWeight?: number;
}

/** How well each sentence matches the question's concepts, each weighted by how few sentences contain it. */
export function scoreSentencesByWords(
  sentences: readonly string[],
  concepts: readonly QueryConcept[],
  analyzer: KnowledgeAnalyzer,
): number[] {
  const termSets = sentences.map((sentence) => new Set(analyzer.terms(sentence)));
  const credits = concepts.map((concept) =>
    termSets.map((terms) =>
      Math.max(0, ...concept.alternatives.filter((a) => a.terms.every((t) => terms.has(t))).map((a) => a.weight)),
    ),
  );
  return sentences.map((_, s) =>
    credits.reduce((sum, credit) => {
      const containing = credit.filter((c) => c > 0).length;
      return sum + credit[s]! * Math.log(1 + sentences.length / (1 + containing));
    }, 0),
  );
}

/**
 * The index of the sentence that best answers the question: its words' score (relative to the best sentence's)
 * blended with its closeness in meaning. Ties go to the earlier sentence, which in a policy usually states the
 * rule before its exceptions.
 */
export function chooseLeadSentence(input: ChooseLeadSentenceInput): number {
  const { question, sentences, analyzer, encoder } = input;
  if (sentences.length <= 1) return 0;
  const weight = encoder ? (input.meaningWeight ?? 0.5) : 0;
  const words = scoreSentencesByWords(sentences, analyzer.concepts(question), analyzer);
  const best = Math.max(...words);
  const q = encoder?.embedOne(question);
  let chosen = 0;
  let chosenScore = Number.NEGATIVE_INFINITY;
  for (const [i, sentence] of sentences.entries()) {
    const meaning = q && encoder ? Math.max(0, cosineSimilarity(q, encoder.embedOne(sentence))) : 0;
    const score = (1 - weight) * (best > 0 ? words[i]! / best : 0) + weight * meaning;
    if (score > chosenScore) {
      chosen = i;
      chosenScore = score;
    }
  }
  return chosen;
}
