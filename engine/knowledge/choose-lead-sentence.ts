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
  /**
   * What a sentence that holds the kind of answer the question asks for ("how long" → a duration, "how much" → an
   * amount, see `answerKindCues`) adds to its score (relative to the best sentence's words). 0 = off. Default 0.25.
   */
  cueWeight?: number;
  /**
   * How much each question concept (by surface) weighs across the whole collection (`KnowledgeHit.conceptWeights`).
   * A concept's credit is scaled by `1 - collectionShare + collectionShare × weight / heaviest`, so that a word every
   * section says ("bin" in a bin service's pages) does not tie with the rare one the question is about ("ashes").
   * Without weights every concept counts alike.
   */
  conceptWeights?: Readonly<Record<string, number>>;
  /** Share of the collection's weights in a concept's credit, in [0, 1]. Default `defaultCollectionShare`. */
  collectionShare?: number;
}

/**
 * Default {@link ChooseLeadSentenceInput.collectionShare}: the best on Acme's tuning sets, losing no set of the three
 * bots more than one lead (docs/knowledge.md, "Checked on a third bot"; `test/engine/knowledge/measure-leads.ts`).
 */
export const defaultCollectionShare = 0.75;

/** A kind of answer a question asks for: the question's words that ask for it, and what a sentence holding it contains. */
export interface AnswerKindCue {
  asks: RegExp;
  holds: RegExp;
}

const unit = String.raw`(?:business\s+|working\s+|calendar\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)`;
/**
 * English question cues: "how long/how soon/when" ask for a time or duration, "how much/cost/fee/price" for an amount,
 * "how many" for a number, "where" for a place or page, "can I/am I allowed/is it possible" for a permission or a rule.
 */
export const answerKindCues: readonly AnswerKindCue[] = [
  {
    asks: /\b(?:how\s+(?:long|soon|quickly|fast)|when|what\s+time|how\s+many\s+(?:days|weeks|months|years|hours))\b/i,
    holds: new RegExp(String.raw`\b(?:\d+|a|an|one|two|three|four|five|six|seven|ten|fourteen|thirty)\s+${unit}\b|\bwithin\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekends?|same day|next day|immediately|instantly)\b`, 'i'),
  },
  {
    asks: /\b(?:how\s+much|cost|costs|price|prices|fee|fees|charge|charged|pay|expensive|cheap)\b/i,
    holds: /[$€£]\s?\d|\d\s?(?:%|percent|dollars?|euros?)\b|\bfree\b/i,
  },
  { asks: /\bhow\s+many\b/i, holds: /\b\d+\b/ },
  { asks: /\bwhere\b/i, holds: /\b(?:page|store|office|address|at|from)\b/i },
  {
    asks: /^\s*(?:can|could|may)\s+(?:i|we)\b|\b(?:am|are)\s+(?:i|we)\s+allowed\b|\bis\s+it\s+(?:possible|ok|okay)\b/i,
    holds: /\b(?:can|cannot|can't|may|must|only|allowed|required)\b/i,
  },
];

/** How well each sentence matches the question's concepts, each weighted by how few sentences contain it. */
export function scoreSentencesByWords(
  sentences: readonly string[],
  concepts: readonly QueryConcept[],
  analyzer: KnowledgeAnalyzer,
  scales: readonly number[] = [],
): number[] {
  const termSets = sentences.map((sentence) => new Set(analyzer.terms(sentence)));
  const credits = concepts.map((concept) =>
    termSets.map((terms) =>
      Math.max(0, ...concept.alternatives.filter((a) => a.terms.every((t) => terms.has(t))).map((a) => a.weight)),
    ),
  );
  return sentences.map((_, s) =>
    credits.reduce((sum, credit, c) => {
      const containing = credit.filter((c) => c > 0).length;
      return sum + credit[s]! * (scales[c] ?? 1) * Math.log(1 + sentences.length / (1 + containing));
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
  const cueWeight = input.cueWeight ?? 0.25;
  const concepts = analyzer.concepts(question);
  const words = scoreSentencesByWords(sentences, concepts, analyzer, collectionScales(concepts, input));
  const best = Math.max(...words);
  const cues = cueWeight > 0 ? answerKindCues.filter((cue) => cue.asks.test(question)) : [];
  // A cue counts only where it tells sentences apart (a passage whose every sentence has a number says nothing).
  const telling = cues.filter((cue) => !sentences.every((sentence) => cue.holds.test(sentence)));
  const q = encoder?.embedOne(question);
  let chosen = 0;
  let chosenScore = Number.NEGATIVE_INFINITY;
  for (const [i, sentence] of sentences.entries()) {
    const meaning = q && encoder ? Math.max(0, cosineSimilarity(q, encoder.embedOne(sentence))) : 0;
    const cue = telling.some((c) => c.holds.test(sentence)) ? cueWeight : 0;
    const score = (1 - weight) * (best > 0 ? words[i]! / best : 0) + weight * meaning + cue;
    if (score > chosenScore) {
      chosen = i;
      chosenScore = score;
    }
  }
  return chosen;
}

/** Each concept's credit scale from the collection's weights (see `ChooseLeadSentenceInput.conceptWeights`); 1 without them. */
function collectionScales(concepts: readonly QueryConcept[], input: ChooseLeadSentenceInput): number[] {
  const weights = input.conceptWeights;
  if (!weights) return [];
  const share = input.collectionShare ?? defaultCollectionShare;
  const known = concepts.map((concept) => weights[concept.surface]);
  const heaviest = Math.max(0, ...known.map((w) => w ?? 0));
  if (heaviest <= 0) return [];
  return known.map((w) => (w === undefined ? 1 : 1 - share + (share * w) / heaviest));
}
