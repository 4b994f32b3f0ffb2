import { describe, expect, it } from 'vitest';
import { scoreEntitySpans } from '../../../engine/entities/score-entity-spans.ts';

describe('scoreEntitySpans', () => {
  it('counts a span only when entity, start and end all match', () => {
    const gold = [[{ entity: 'city', start: 0, end: 5 }, { entity: 'day', start: 9, end: 15 }], [{ entity: 'city', start: 3, end: 9 }]];
    const predicted = [[{ entity: 'city', start: 0, end: 5 }, { entity: 'day', start: 9, end: 14 }], [{ entity: 'city', start: 3, end: 9 }, { entity: 'day', start: 0, end: 2 }]];
    const scores = scoreEntitySpans(gold, predicted);
    expect(scores.overall).toMatchObject({ support: 3, predicted: 4, correct: 2, precision: 0.5 });
    expect(scores.overall.recall).toBeCloseTo(2 / 3);
    expect(scores.overall.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
    expect(scores.per_type['city']).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scores.per_type['day']).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 2 });
  });
});
