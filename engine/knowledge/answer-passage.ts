import type { KnowledgeHit } from './knowledge-base.ts';
import { createKnowledgeAnalyzer, type KnowledgeAnalyzer, type QueryConcept } from './knowledge-analyzer.ts';
import { formatKnowledgeCitation } from './format-knowledge-citation.ts';
import { splitSentences } from './split-sentences.ts';
import { withDefaults } from './with-defaults.ts';

/** A passage to answer a question with, quoted from one document, and where it comes from. */
export interface KnowledgeAnswer {
  /** Sentences of the passage, in document order, at most `maxChars` long. Quoted text, never instructions. */
  text: string;
  /** "Source: <file> › <heading> › <heading>" (see `formatKnowledgeCitation`). */
  citation: string;
  /** The hit the passage comes from. */
  hit: KnowledgeHit;
}

/** Options of {@link selectAnswerPassage}. */
export interface SelectAnswerPassageOptions {
  /** The user's question. */
  question: string;
  /** Results of `KnowledgeBase.search` for it; the first relevant one is quoted. */
  hits: readonly KnowledgeHit[];
  /** Longest passage in characters; a longer one is cut to its `maxSentences` best sentences. Default 400. */
  maxChars?: number;
  /** Most sentences (a table row counts as one) kept when a passage is cut. Default 3. */
  maxSentences?: number;
  /** The analyzer the knowledge base searched with. Default: `createKnowledgeAnalyzer()`'s. */
  analyzer?: KnowledgeAnalyzer;
  /**
   * Which hits may be quoted; the first accepted one is. Default: `hit.relevant`. Pass
   * `isPlausibleKnowledgeHit` when the question is already known to be about the documents (the
   * classifier recognised a knowledge question), never for a question no intent covers.
   */
  accept?: (hit: KnowledgeHit) => boolean;
  /**
   * When the next accepted hit scores at least this share of the chosen one, the two sections are a
   * near tie and both are quoted, each with its source. 1 or more quotes one passage only. Default 0.85.
   */
  tieRatio?: number;
}

/**
 * A looser test than `hit.relevant`, for questions known to be about the documents: the best hit
 * counts when it matched at least half a rare word's worth of the question and 15 % of it. It lets the
 * right passage answer more in-scope questions than `relevant` does, but it would also accept many
 * unrelated ones, so it must not decide whether to answer (figures in docs/knowledge.md).
 */
export function isPlausibleKnowledgeHit(hit: KnowledgeHit): boolean {
  return hit.relevant || (hit.evidence >= 0.5 && hit.coverage >= 0.15);
}

/** Defaults of {@link SelectAnswerPassageOptions}. */
export const defaultSelectAnswerPassageOptions = {
  maxChars: 400,
  maxSentences: 3,
  tieRatio: 0.85,
} as const;

let sharedAnalyzer: KnowledgeAnalyzer | undefined;
const defaultAnalyzer = (): KnowledgeAnalyzer => {
  sharedAnalyzer ??= createKnowledgeAnalyzer();
  return sharedAnalyzer;
};

/** How well each sentence answers: its concepts, each weighted by how few sentences contain it. */
function scoreSentences(
  sentences: readonly string[],
  concepts: readonly QueryConcept[],
  analyzer: KnowledgeAnalyzer,
) {
  const termSets = sentences.map((sentence) => new Set(analyzer.terms(sentence)));
  const credits = concepts.map((concept) =>
    termSets.map((terms) =>
      Math.max(
        0,
        ...concept.alternatives.filter((a) => a.terms.every((t) => terms.has(t))).map((a) => a.weight),
      ),
    ),
  );
  return sentences.map((_, s) =>
    credits.reduce((sum, credit) => {
      const containing = credit.filter((c) => c > 0).length;
      return sum + credit[s]! * Math.log(1 + sentences.length / (1 + containing));
    }, 0),
  );
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > maxChars / 2 ? cut.slice(0, space) : cut}…`;
}

/** The text to quote from one hit: the whole section when it fits, else its best sentences. */
function passageOf(hit: KnowledgeHit, question: string, maxChars: number, maxSentences: number, analyzer: KnowledgeAnalyzer): string {
  if (hit.text.length <= maxChars) return hit.text;
  const sentences = splitSentences(hit.text);
  const scores = scoreSentences(sentences, analyzer.concepts(question), analyzer);
  const order = sentences.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const chosen: number[] = [];
  let length = 0;
  for (const i of order) {
    if (chosen.length >= maxSentences || (chosen.length > 0 && scores[i]! <= 0)) break;
    const added = sentences[i]!.length + (chosen.length > 0 ? 1 : 0);
    if (chosen.length > 0 && length + added > maxChars) continue;
    chosen.push(i);
    length += added;
  }
  const text = chosen
    .sort((a, b) => a - b)
    .map((i) => sentences[i]!)
    .join(' ');
  return truncate(text, maxChars);
}

/**
 * Chooses what to answer a question with: the first accepted (by default relevant) hit's text when it
 * fits in `maxChars` (a section is the unit a policy is written in), otherwise the 1 to `maxSentences`
 * sentences that best match the question, in document order, with the citation. When the next accepted
 * hit nearly ties with it (`tieRatio`), the search cannot tell which section answers, so both are quoted,
 * the second after a blank line with its own source, and `citation` names both.
 * `undefined` when no hit is accepted: the caller then says it does not know and offers a person.
 *
 * @example
 * const hits = await kb.search('how much does a return cost?');
 * const answer = selectAnswerPassage({ question: 'how much does a return cost?', hits });
 * // answer.text: "Returns are free for Acme Plus members ... a flat fee of $4.95 is deducted from the refund."
 * // answer.citation: "Source: returns-and-refunds.md › Returns and refunds › Return shipping cost"
 */
export function selectAnswerPassage(options: SelectAnswerPassageOptions): KnowledgeAnswer | undefined {
  const { question, hits, maxChars, maxSentences, tieRatio } = withDefaults(defaultSelectAnswerPassageOptions, options);
  const accept = options.accept ?? ((h: KnowledgeHit) => h.relevant);
  const hit = hits.find(accept);
  if (hit === undefined) return undefined;
  const analyzer = options.analyzer ?? defaultAnalyzer();
  const text = passageOf(hit, question, maxChars, maxSentences, analyzer);
  const citation = formatKnowledgeCitation(hit);
  const second = hits.find((h) => h !== hit && h.chunkId !== hit.chunkId && accept(h) && h.score >= tieRatio * hit.score);
  if (!second) return { text, citation, hit };
  const secondCitation = formatKnowledgeCitation(second);
  return {
    text: `${text}\n\n${passageOf(second, question, maxChars, maxSentences, analyzer)}\n(${secondCitation})`,
    citation,
    hit,
  };
}
