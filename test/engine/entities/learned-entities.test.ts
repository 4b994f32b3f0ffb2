import { describe, expect, it } from 'vitest';
import { parseAnnotatedExample } from '../../../engine/entities/annotated-example.ts';
import { createEntityRecognizer } from '../../../engine/entities/create-entity-recognizer.ts';
import { trainSequenceTagger } from '../../../engine/entities/train-sequence-tagger.ts';

const flights = [
  'fly to [Paris](to_city) from [Berlin](from_city)',
  'a flight from [Madrid](from_city) to [Rome](to_city) please',
  'I need to get to [Lisbon](to_city)',
  'book me a ticket to [Vienna](to_city)',
  'leaving [Dublin](from_city) for [Prague](to_city)',
  'from [Oslo](from_city) to [Athens](to_city)',
  'flights to [Warsaw](to_city) from [Zurich](from_city) tomorrow',
  'get me out of [Brussels](from_city) and into [Copenhagen](to_city)',
  'I am flying from [Stockholm](from_city)',
  'going to [Budapest](to_city) on friday',
  'cheapest flight to [Helsinki](to_city)',
  'what flights leave [Hamburg](from_city) today',
  'hello there',
  'what is the baggage allowance',
].map(parseAnnotatedExample);

describe('annotated examples', () => {
  it('reads markup into text and spans, and rejects unbalanced markup', () => {
    expect(parseAnnotatedExample('fly to [New York](city) on [Monday](day)')).toEqual({
      text: 'fly to New York on Monday',
      entities: [
        { entity: 'city', start: 7, end: 15 },
        { entity: 'day', start: 19, end: 25 },
      ],
    });
    expect(parseAnnotatedExample('no markup here')).toEqual({ text: 'no markup here', entities: [] });
    expect(() => parseAnnotatedExample('fly to [Paris(city)')).toThrow(/unbalanced/);
  });
});

describe('sequence tagger', () => {
  it('finds learned spans by context, also for values it never saw', () => {
    const tagger = trainSequenceTagger(flights, { wordVectors: 'none' });
    expect(tagger.entities).toEqual(['from_city', 'to_city']);
    expect(tagger.tag('a flight from Tallinn to Riga please')).toEqual([
      { entity: 'from_city', start: 14, end: 21, text: 'Tallinn' },
      { entity: 'to_city', start: 25, end: 29, text: 'Riga' },
    ]);
    expect(tagger.tag('what is the baggage allowance')).toEqual([]);
  });

  it('learns from Spanish examples, accents and ñ included', () => {
    const tagger = trainSequenceTagger(
      [
        'quiero volar a [Málaga](destino) desde [Bilbao](origen)',
        'un vuelo de [Madrid](origen) a [La Coruña](destino)',
        'necesito ir a [Cádiz](destino)',
        'salgo de [Logroño](origen) hacia [Valencia](destino) el lunes',
        'de [Sevilla](origen) a [Gijón](destino) por favor',
        '¿hay vuelos a [León](destino)?',
        'hola, buenos días',
      ].map(parseAnnotatedExample),
      { wordVectors: 'none' },
    );
    expect(tagger.tag('un vuelo de Almería a Jaén').map((s) => [s.entity, s.text])).toEqual([
      ['origen', 'Almería'],
      ['destino', 'Jaén'],
    ]);
  });

  it('is deterministic for a seed', () => {
    const a = trainSequenceTagger(flights, { wordVectors: 'none', seed: 7 });
    const b = trainSequenceTagger(flights, { wordVectors: 'none', seed: 7 });
    const probe = 'fly from Porto to Seville';
    expect(a.tag(probe)).toEqual(b.tag(probe));
  });
});

describe('learned entities in the recognizer', () => {
  const examples = ['a table for [four](guests) at 8', 'book [two](guests) seats at 7pm', 'we are [6](guests) people', 'table for [3](guests) tonight', 'reserve for [five](guests) at 9', 'hi', 'what time do you open at 9'].map(parseAnnotatedExample);
  const recognizer = createEntityRecognizer({
    entities: { guests: { kind: 'number' }, destination: { kind: 'learned' } },
    examples: [...examples, ...flights.map((f) => ({ text: f.text, entities: f.entities.filter((s) => s.entity === 'to_city').map((s) => ({ ...s, entity: 'destination' })) }))],
    tagger: { wordVectors: 'none' },
  });

  it('lets the learned span pick the number and the built-in give its value', () => {
    const found = recognizer.extract('a table for seven at 8', { locale: 'en' });
    expect(found.filter((e) => e.entity === 'guests').map((e) => [e.text, e.value, e.source])).toEqual([['seven', 7, 'builtin']]);
  });

  it('keeps every built-in match when the tagger marks none (a bare answer)', () => {
    expect(recognizer.extract('8', { locale: 'en' }).map((e) => [e.entity, e.value])).toEqual([['guests', 8]]);
  });

  it('returns a learned-only entity with its raw text, source and position', () => {
    const found = recognizer.extract('book me a ticket to Valencia', { locale: 'en' }).filter((e) => e.entity === 'destination');
    expect(found).toEqual([{ entity: 'destination', value: 'Valencia', text: 'Valencia', start: 20, end: 28, extractor: 'tagger', source: 'learned' }]);
    expect(recognizer.learned).toEqual(['destination', 'guests']);
  });
});
