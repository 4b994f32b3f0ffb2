import { describe, expect, it } from 'vitest';
import { selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { answerKindCues, chooseLeadSentence } from '../../../engine/knowledge/choose-lead-sentence.ts';
import type { KnowledgeHit } from '../../../engine/knowledge/knowledge-base.ts';
import { createKnowledgeAnalyzer } from '../../../engine/knowledge/knowledge-analyzer.ts';

const analyzer = createKnowledgeAnalyzer();
const refunds = [
  'Refunds go back to the original payment method.',
  'Refunds arrive 5 to 7 business days after we receive the parcel.',
];

describe('chooseLeadSentence: the kind of answer the question asks for', () => {
  it('leads with the sentence holding a duration for "how long"', () => {
    expect(chooseLeadSentence({ question: 'how long do refunds take?', sentences: refunds, analyzer })).toBe(
      1,
    );
    // Without the cue the words tie and the earlier sentence wins.
    expect(
      chooseLeadSentence({
        question: 'how long do refunds take?',
        sentences: refunds,
        analyzer,
        cueWeight: 0,
      }),
    ).toBe(0);
  });

  it('leads with the amount for "how much", and ignores a cue every sentence meets', () => {
    const fees = ['Express shipping is available in all states.', 'Express shipping costs $14.99.'];
    expect(chooseLeadSentence({ question: 'how much is express shipping', sentences: fees, analyzer })).toBe(
      1,
    );
    const allPriced = ['Standard costs $5.99.', 'Express costs $14.99.'];
    expect(chooseLeadSentence({ question: 'how much is express', sentences: allPriced, analyzer })).toBe(1);
    expect(chooseLeadSentence({ question: 'how much is standard', sentences: allPriced, analyzer })).toBe(0);
  });

  it('leaves a question without a cue to its words', () => {
    expect(answerKindCues.some((cue) => cue.asks.test('refund method'))).toBe(false);
    expect(chooseLeadSentence({ question: 'refund method', sentences: refunds, analyzer })).toBe(0);
  });

  it('reaches the reply: selectAnswerPassage speaks the duration first', () => {
    const hit: KnowledgeHit = {
      chunkId: 'returns.md#1',
      file: 'returns.md',
      title: 'Returns',
      headingPath: ['Returns', 'Refunds'],
      text: refunds.join(' '),
      start: 0,
      end: 1,
      score: 1,
      coverage: 1,
      evidence: 2,
      matched: ['refunds'],
      relevant: true,
    };
    expect(selectAnswerPassage({ question: 'how long do refunds take?', hits: [hit] })?.lead).toBe(
      refunds[1],
    );
  });
});
