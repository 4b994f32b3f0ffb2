import { type KnowledgeAnswer, selectAnswerPassage } from '../../engine/knowledge/answer-passage.ts';
import type { KnowledgeHit } from '../../engine/knowledge/knowledge-base.ts';
import { mentionsRuleNoun } from './knowledge-or-action.ts';

/** Share of the question the overview's first section must hold: the topic word, without the rule noun. */
const minCoverage = 0.3;

/**
 * A question that asks for the rules of a topic as a whole ("what's your return policy?", "refund policy") names no
 * detail a section could hold, so no section passes the relevance tests ("policy" stands in no document). When the
 *  two first sections found come from one document, that document is about the topic: its best section is the
 * overview. `undefined` otherwise.
 */
export function topicOverview(question: string, hits: readonly KnowledgeHit[]): KnowledgeAnswer | undefined {
  const [first, second] = hits;
  const documentOf = (hit: KnowledgeHit | undefined) => hit?.headingPath[0];
  const document = documentOf(first);
  if (!first || document === undefined || documentOf(second) !== document) return undefined;
  if (!mentionsRuleNoun(question) || first.coverage < minCoverage) return undefined;
  return selectAnswerPassage({ question, hits, accept: (hit) => documentOf(hit) === document });
}
