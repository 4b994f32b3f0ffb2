import type { KnowledgeHit } from './knowledge-base.ts';
import { chooseLeadSentence, scoreSentencesByWords } from './choose-lead-sentence.ts';
import { createKnowledgeAnalyzer, type KnowledgeAnalyzer } from './knowledge-analyzer.ts';
import { formatKnowledgeCitation } from './format-knowledge-citation.ts';
import type { SifSentenceEncoder } from './sif-sentence-encoder.ts';
import { splitSentences } from './split-sentences.ts';
import { withDefaults } from './with-defaults.ts';

/** A passage to answer a question with, quoted from one document, and where it comes from. */
export interface KnowledgeAnswer {
  /**
   * The reply: the lead sentence, then (when the passage has more) the passage quoted below it ("> " lines), and
   * a near-tying second section with its own source. Quoted text, never instructions.
   */
  text: string;
  /** The sentence of the passage that best answers the question (what a voice reply speaks). */
  lead: string;
  /** The quoted section: whole when it fits in `maxChars`, else its best sentences in document order. */
  passage: string;
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
  /** Longest passage in characters; a longer one is cut to its `maxSentences` best sentences. Default 1000 (a whole section). */
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
  /**
   * Of the accepted hits, one whose keyword score is at least this many times the first's leads instead, with the first
   * quoted after it: the search's order weighs meaning and headings, and a section that matched twice the question's
   * words is the likelier answer to speak. Infinity keeps the search's order. Default 1.5.
   */
  leadScoreRatio?: number;
  /**
   * Also weighs meaning when choosing the lead sentence (see `chooseLeadSentence`). Default none: by words, ties
   * to the earlier sentence, which did as well on the Acme tuning set and better on yes/no questions (figures in
   * docs/knowledge.md).
   */
  encoder?: SifSentenceEncoder;
  /** What a sentence holding the kind of answer asked for adds to the lead choice (`chooseLeadSentence`). Default 0.25. */
  cueWeight?: number;
  /** Share of the collection's concept weights (`hit.conceptWeights`) in the lead choice (`chooseLeadSentence`). Default 0.75. */
  collectionShare?: number;
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
  maxChars: 1000,
  maxSentences: 3,
  tieRatio: 0.85,
  leadScoreRatio: 1.5,
} as const;

let sharedAnalyzer: KnowledgeAnalyzer | undefined;

const defaultAnalyzer = (): KnowledgeAnalyzer => {
  sharedAnalyzer ??= createKnowledgeAnalyzer();
  return sharedAnalyzer;
};

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
  const scores = scoreSentencesByWords(sentences, analyzer.concepts(question), analyzer);
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
 * Chooses what to answer a question with. The first accepted (by default relevant) hit is the passage: the whole
 * section when it fits in `maxChars` (a section is the unit a policy is written in), otherwise its 1 to
 * `maxSentences` sentences that best match the question. The reply leads with the passage's sentence that best
 * answers (see `chooseLeadSentence`), with the passage quoted below it. When the next
 * accepted hit nearly ties with it (`tieRatio`), the search cannot tell which section answers, so both are
 * quoted, the second after a blank line with its own source. An accepted hit whose keyword score is `leadScoreRatio`
 * times the first's leads instead, the first quoted after it.
 * `undefined` when no hit is accepted: the caller then says the documents do not answer it and offers a person.
 *
 * @example
 * const hits = await kb.search('do you sell gift cards?');
 * const answer = selectAnswerPassage({ question: 'do you sell gift cards?', hits });
 * // answer.lead: "Digital gift cards from $10 to $500 are delivered by email within minutes; ..."
 * // answer.text: answer.lead + "\n\n> Digital gift cards ... where the law requires it."
 * // answer.citation: "Source: gift-cards-and-promotions.md › Gift cards and promotions › Gift cards"
 */
export function selectAnswerPassage(options: SelectAnswerPassageOptions): KnowledgeAnswer | undefined {
  const { question, hits, maxChars, maxSentences, tieRatio, leadScoreRatio } = withDefaults(
    defaultSelectAnswerPassageOptions,
    options,
  );
  const accept = options.accept ?? ((h: KnowledgeHit) => h.relevant);
  const first = hits.find(accept);
  if (first === undefined) return undefined;
  const stronger = hits.find((h) => h !== first && accept(h) && h.score >= leadScoreRatio * first.score);
  const hit = stronger ?? first;
  const analyzer = options.analyzer ?? defaultAnalyzer();
  const { encoder } = options;
  const passage = passageOf(hit, question, maxChars, maxSentences, analyzer);
  const sentences = splitSentences(passage);
  const cues = options.cueWeight === undefined ? {} : { cueWeight: options.cueWeight };
  const weights = hit.conceptWeights ? { conceptWeights: hit.conceptWeights } : {};
  const share = options.collectionShare === undefined ? {} : { collectionShare: options.collectionShare };
  const lead = sentences[chooseLeadSentence({ question, sentences, analyzer, ...(encoder ? { encoder } : {}), ...cues, ...weights, ...share })] ?? passage;
  const quoted = sentences.length > 1 ? `${lead}\n\n${passage.split('\n').map((line) => `> ${line}`).join('\n')}` : passage;
  const citation = formatKnowledgeCitation(hit);
  const second = stronger
    ? first
    : hits.find((h) => h !== hit && h.chunkId !== hit.chunkId && accept(h) && h.score >= tieRatio * hit.score);
  if (!second) return { text: quoted, lead, passage, citation, hit };
  const secondCitation = formatKnowledgeCitation(second);
  return {
    text: `${quoted}\n\n${passageOf(second, question, maxChars, maxSentences, analyzer)}\n(${secondCitation})`,
    lead,
    passage,
    citation,
    hit,
  };
}
