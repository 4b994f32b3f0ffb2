import { describe, expect, it } from 'vitest';
import { segmentText } from '../../../engine/entities/builtin/by-segments.ts';
import { createEntityRecognizer } from '../../../engine/entities/create-entity-recognizer.ts';

describe('long messages', () => {
  it('are cut at sentence ends, then at spaces, into pieces that cover the text exactly', () => {
    const text = `Hello there. Is it 3.5 or 3,5? ¿Qué tal?\nOk ${'word '.repeat(60)}${'x'.repeat(90)}`;
    const pieces = segmentText(text, 40);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.every((p) => p.text.length <= 40 && text.slice(p.start, p.start + p.text.length) === p.text)).toBe(true);
    expect(pieces.slice(0, 3).map((p) => p.text)).toEqual(['Hello there.', ' Is it 3.5 or 3,5?', ' ¿Qué tal?']);
  });

  it('keep the offsets of entities found far into the text', () => {
    const recognizer = createEntityRecognizer({ entities: { price: { kind: 'money' }, when: { kind: 'date' } }, now: () => Date.parse('2026-12-07T11:00:00Z') });
    const text = `${'I have a question about my order and the delivery. '.repeat(8)}It cost $20.50 and should come tomorrow.`;
    const found = recognizer.extract(text, { locale: 'en' });
    expect(found.map((e) => [e.entity, text.slice(e.start, e.end), e.value])).toEqual([
      ['price', '$20.50', 20.5],
      ['when', 'tomorrow', '2026-12-08'],
    ]);
  });
});
