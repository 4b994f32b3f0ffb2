import { describe, expect, it } from 'vitest';
import type { QueryConcept } from '../../../engine/knowledge/knowledge-analyzer.ts';
import { inverseDocumentFrequency } from '../../../engine/knowledge/score-concepts.ts';
import { type AlignedText, conceptWeights, termDocuments } from '../../../engine/knowledge/word-alignment.ts';

const text = (...terms: string[]): AlignedText => ({ words: terms.map((term) => ({ term, vector: undefined })), terms: new Set(terms) });
const texts = [text('refund', 'card', 'day'), text('refund', 'store', 'credit'), text('gift', 'card'), text('store', 'hour')];
const concept = (surface: string, ...alternatives: Array<[string[], number]>): QueryConcept => ({
  surface,
  own: alternatives[0]?.[0] ?? [],
  alternatives: alternatives.map(([terms, weight]) => ({ terms, weight })),
});

describe('conceptWeights over a term → texts map', () => {
  const corpus = termDocuments(texts);

  it('weighs each concept by the texts holding all terms of one of its own alternatives', () => {
    const weights = conceptWeights(
      [
        concept('refund', [['refund'], 1]),
        // "store credit": both words in one text (the second), not merely each somewhere.
        concept('store credit', [['store', 'credit'], 1]),
        // "money back" ~ refund (its own words nowhere; a synonym at weight 1 counts, one below 1 does not).
        concept('money back', [['money', 'back'], 1], [['refund'], 1], [['card'], 0.6]),
        concept('card', [['card'], 1]),
      ],
      corpus,
      0.6,
    );
    expect(weights).toEqual([
      inverseDocumentFrequency(2, 4),
      inverseDocumentFrequency(1, 4),
      inverseDocumentFrequency(2, 4),
      inverseDocumentFrequency(2, 4),
    ]);
  });

  it('gives a concept found nowhere the unknown-word share of the rarest weight, and halves a number', () => {
    const [unknown, number] = conceptWeights([concept('crypto', [['crypto'], 1]), concept('14', [['14'], 1])], corpus, 0.6);
    expect(unknown).toBeCloseTo(0.6 * inverseDocumentFrequency(0, 4));
    expect(number).toBeCloseTo((0.6 * inverseDocumentFrequency(0, 4)) / 2);
  });

  it('counts terms once per text and every text', () => {
    expect(corpus.count).toBe(4);
    expect([...(corpus.documents.get('card') ?? [])]).toEqual([0, 2]);
    expect([...(corpus.documents.get('store') ?? [])]).toEqual([1, 3]);
  });
});
