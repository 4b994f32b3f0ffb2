import { describe, expect, it } from 'vitest';
import type { RecognizedEntity } from '../../../engine/entities/recognized-entity.ts';
import { resolveEntityOverlaps } from '../../../engine/entities/resolve-entity-overlaps.ts';

const e = (entity: string, start: number, end: number, source: RecognizedEntity['source'], value: string | number = `${start}-${end}`): RecognizedEntity => ({
  entity,
  value,
  text: '',
  start,
  end,
  extractor: source,
  source,
});
const brief = (found: RecognizedEntity[]) => found.map((x) => `${x.entity}:${x.source}:${x.start}-${x.end}`);

describe('resolveEntityOverlaps', () => {
  it('prefers regex, then lookup, then built-in, then learned for one name', () => {
    const found = resolveEntityOverlaps([e('city', 0, 8, 'learned'), e('city', 0, 8, 'builtin'), e('city', 2, 8, 'lookup'), e('city', 0, 4, 'regex')], new Set());
    expect(brief(found)).toEqual(['city:regex:0-4']);
  });

  it('prefers the longer span within a source, then the earlier one', () => {
    expect(brief(resolveEntityOverlaps([e('city', 0, 3, 'lookup'), e('city', 0, 8, 'lookup'), e('city', 6, 12, 'lookup')], new Set()))).toEqual(['city:lookup:0-8']);
    expect(brief(resolveEntityOverlaps([e('city', 4, 8, 'lookup'), e('city', 0, 4, 'lookup')], new Set()))).toEqual(['city:lookup:0-4', 'city:lookup:4-8']);
  });

  it('keeps overlapping entities of different names', () => {
    expect(brief(resolveEntityOverlaps([e('number', 6, 11, 'builtin'), e('order_id', 6, 11, 'regex')], new Set(['number'])))).toEqual([
      'number:builtin:6-11',
      'order_id:regex:6-11',
    ]);
  });

  it('drops a built-in number inside a date, time, duration or money reading of another entity, and keeps the rest', () => {
    const builtin = (entity: string, extractor: string, start: number, end: number, value: string | number): RecognizedEntity => ({
      entity, value, text: '', start, end, extractor, source: 'builtin',
    });
    // "2 people tomorrow at 3pm for two hours"
    const found = resolveEntityOverlaps(
      [
        builtin('people', 'number', 0, 1, 2),
        builtin('when', 'time', 9, 24, '15:00'),
        builtin('people', 'number', 21, 22, 3),
        builtin('length', 'duration', 25, 38, 7200),
        builtin('people', 'number', 29, 32, 2),
        builtin('order_id', 'digits', 21, 22, '3'),
      ],
      new Set(['people', 'when', 'length']),
    );
    expect(found.map((x) => `${x.entity}:${x.value}`)).toEqual(['people:2', 'when:15:00', 'order_id:3', 'length:7200']);
  });

  it('lets learned spans select the built-in matches of a typed name, and drops the learned copies', () => {
    const candidates = [e('guests', 12, 16, 'builtin', 4), e('guests', 20, 21, 'builtin', 8), e('guests', 12, 16, 'learned', 'four')];
    const found = resolveEntityOverlaps(candidates, new Set(['guests']));
    expect(found.map((x) => [x.source, x.value])).toEqual([['builtin', 4]]);
    expect(resolveEntityOverlaps([e('guests', 20, 21, 'builtin', 8)], new Set(['guests'])).map((x) => x.value)).toEqual([8]);
  });
});
