import { posix } from 'node:path';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { KnowledgeEvalLine } from './knowledge-eval-line.ts';

/** A question whose document was not among the top results. */
export interface KnowledgeRetrievalMiss {
  question: string;
  doc: string;
  /** Documents of the top results, best first. */
  found: string[];
}

/** What {@link evaluateKnowledgeRetrieval} measured. */
export interface KnowledgeRetrievalReport {
  /** Results looked at per question. */
  k: number;
  questions: number;
  /** Questions whose document was among the top `k` results. */
  retrieved: number;
  /** `retrieved / questions`, in [0, 1] (0 for no questions): `retrieval_recall_at_5` when k = 5. */
  recall: number;
  /** Share of questions whose document is the first result, in [0, 1]. */
  recallAt1: number;
  /** Mean time of one search, in milliseconds. */
  searchMs: number;
  misses: KnowledgeRetrievalMiss[];
}

/** Options of {@link evaluateKnowledgeRetrieval}. */
export interface EvaluateKnowledgeRetrievalOptions {
  kb: KnowledgeBase;
  lines: readonly Pick<KnowledgeEvalLine, 'question' | 'doc'>[];
  /** Results looked at per question. Default 5. */
  k?: number;
  /** Clock for `searchMs`, in milliseconds. Default `performance.now`. */
  now?: () => number;
}

/** True when a hit's file is the named document: the same relative path, or the same file name. */
function sameDocument(file: string, doc: string): boolean {
  const wanted = doc.replace(/\\/g, '/').replace(/^\.\//, '');
  return file === wanted || (!wanted.includes('/') && posix.basename(file) === wanted);
}

/**
 * Retrieval recall at k of a knowledge base on an evaluation set: the share of questions whose
 * document is among the first `k` search results (relevant or not).
 *
 * @example
 * const report = await evaluateKnowledgeRetrieval({ kb, lines: parseKnowledgeEvalLines({ text }) });
 * console.log(JSON.stringify({ retrieval_recall_at_5: report.recall }));
 */
export async function evaluateKnowledgeRetrieval(
  options: EvaluateKnowledgeRetrievalOptions,
): Promise<KnowledgeRetrievalReport> {
  const k = options.k ?? 5;
  const now = options.now ?? (() => performance.now());
  const misses: KnowledgeRetrievalMiss[] = [];
  let first = 0;
  let spent = 0;
  for (const line of options.lines) {
    const t0 = now();
    const hits = await options.kb.search(line.question, k);
    spent += now() - t0;
    if (hits[0] && sameDocument(hits[0].file, line.doc)) first += 1;
    if (!hits.some((hit) => sameDocument(hit.file, line.doc))) {
      misses.push({ question: line.question, doc: line.doc, found: hits.map((hit) => hit.file) });
    }
  }
  const questions = options.lines.length;
  const retrieved = questions - misses.length;
  const share = (n: number) => (questions === 0 ? 0 : n / questions);
  return { k, questions, retrieved, recall: share(retrieved), recallAt1: share(first), searchMs: share(spent), misses };
}
