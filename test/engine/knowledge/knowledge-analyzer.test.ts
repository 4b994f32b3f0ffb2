import { describe, expect, it } from 'vitest';
import { createKnowledgeAnalyzer, knowledgeTokens } from '../../../engine/knowledge/knowledge-analyzer.ts';

const analyzer = createKnowledgeAnalyzer();
const surfaces = (question: string) => analyzer.concepts(question).map((c) => c.surface);
const alternativesOf = (question: string, surface: string) =>
  analyzer
    .concepts(question)
    .find((c) => c.surface === surface)
    ?.alternatives.map((a) => a.terms.join(' '));

describe('knowledgeTokens', () => {
  it('lower-cases, drops apostrophes, keeps prices whole and writes number words as digits', () => {
    expect(knowledgeTokens("What's the fee? $4.95, 2,000 items — four payments")).toEqual([
      'whats',
      'the',
      'fee',
      '4.95',
      '2000',
      'items',
      '4',
      'payments',
    ]);
  });

  it('keeps a clock time whole, so its minutes do not match a count ("10:30" is not "30 people")', () => {
    expect(knowledgeTokens('Storytime runs at 10:30, for 30 children; 1:2345 is no time')).toEqual([
      'storytime',
      'runs',
      'at',
      '10:30',
      'for',
      '30',
      'children',
      '1',
      '2345',
      'is',
      'no',
      'time',
    ]);
  });
});

describe('createKnowledgeAnalyzer', () => {
  it('also indexes a hyphenated compound joined, as users type it ("wifi" finds "Wi-Fi")', () => {
    const terms = analyzer.terms('Free Wi-Fi, and e-books through Libby');
    expect(terms).toEqual(expect.arrayContaining(['wi', 'fi', 'wifi', 'book', 'ebook']));
    expect(analyzer.terms('free wifi')).toContain('wifi');
  });

  it('stems with Porter, drops stop words and meets British and American spellings', () => {
    expect(analyzer.terms('Refunds are issued for the returned items')).toEqual([
      'refund',
      'issu',
      'return',
      'item',
    ]);
    expect(analyzer.terms('personalised colour')).toEqual(analyzer.terms('personalized color'));
    expect(analyzer.terms('cheque instalments')).toEqual(analyzer.terms('check installments'));
  });

  it('keeps "personal" apart from "person" and "personalized"', () => {
    const [personal, person, personalized] = ['personal', 'person', 'personalized'].map(
      (w) => analyzer.terms(w)[0],
    );
    expect(new Set([personal, person, personalized]).size).toBe(3);
  });

  it('reads synonym phrases as one concept, also with function words between their words', () => {
    expect(surfaces('can I get my money back on an opened swimsuit?')).toEqual([
      'money back',
      'opened',
      'swimsuit',
    ]);
    expect(alternativesOf('can I get my money back on an opened swimsuit?', 'money back')).toContain(
      'refund',
    );
    expect(alternativesOf('can I get my money back on an opened swimsuit?', 'swimsuit')).toContain(
      'swimwear',
    );
    expect(surfaces('until when can I bring it back?')).toEqual(['until when', 'bring it back']);
    expect(alternativesOf('until when can I bring it back?', 'bring it back')).toContain('return');
  });

  it('merges words of the same group into one concept, and a phrase of function words has no own terms', () => {
    const concepts = analyzer.concepts('how much does a return cost?');
    expect(concepts.map((c) => c.surface)).toEqual(['how much', 'return']);
    expect(concepts[0]!.own).toEqual([]);
    expect(concepts[0]!.alternatives.map((a) => a.terms.join(' '))).toContain('fee');
  });

  it('never searches a negated member for its content word ("at no cost" is not "cost")', () => {
    expect(alternativesOf('is it free?', 'free')).not.toContain('cost');
  });

  it('gives the user word weight 1 and synonyms the synonym weight', () => {
    const [swimsuit] = createKnowledgeAnalyzer({ synonymWeight: 0.4 }).concepts('swimsuit');
    expect(swimsuit!.alternatives.find((a) => a.terms[0] === 'swimsuit')!.weight).toBe(1);
    expect(swimsuit!.alternatives.find((a) => a.terms[0] === 'swimwear')!.weight).toBe(0.4);
  });

  it('searches words only when given no synonyms', () => {
    const plain = createKnowledgeAnalyzer({ synonyms: [] });
    expect(plain.concepts('money back').map((c) => c.alternatives.map((a) => a.terms))).toEqual([
      [['monei']],
      [['back']],
    ]);
  });
});
