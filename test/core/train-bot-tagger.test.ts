import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../core/create-bot.ts';
import { trainBotTagger } from '../../core/train-bot-tagger.ts';
import { parseAnnotatedExample } from '../../engine/entities/annotated-example.ts';
import { loadSequenceTagger } from '../../engine/entities/load-sequence-tagger.ts';
import type { SerializedSequenceTagger } from '../../engine/entities/serialized-sequence-tagger.ts';
import { trainSequenceTagger } from '../../engine/entities/train-sequence-tagger.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { keywordClassifier } from '../support/keyword-classifier.ts';

const flights = [
  'fly to [Paris](to_city) from [Berlin](from_city)',
  'a flight from [Madrid](from_city) to [Rome](to_city) please',
  'I need to get to [Lisbon](to_city)',
  'book me a ticket to [Vienna](to_city)',
  'leaving [Dublin](from_city) for [Prague](to_city)',
  'from [Oslo](from_city) to [Athens](to_city)',
  'flights to [Warsaw](to_city) from [Zurich](from_city) tomorrow',
  'I am flying from [Stockholm](from_city)',
  'going to [Budapest](to_city) on friday',
  'hello there',
].map(parseAnnotatedExample);
const unseen = ['fly to Lyon from Turin', 'a flight from Seville to Porto please', 'I need to get to Krakow'];

const logged: Array<{ msg: string }> = [];
const log = pino({ level: 'debug' }, { write: (line: string) => logged.push(JSON.parse(line)) });
const messages = () => logged.map((l) => l.msg);

let dir: string | undefined;
afterEach(() => {
  logged.length = 0;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const cacheFiles = (cacheDir: string) => readdirSync(cacheDir).filter((f) => f.startsWith('tagger-'));

describe('trainBotTagger: the entity tagger cached by its examples', () => {
  it('a second start loads the tagger the first trained instead of training again, and it tags the same', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-tagger-cache-'));
    const first = await trainBotTagger(flights, { cacheDir: dir, log });
    expect(messages()).toEqual(['entity tagger trained']);
    expect(cacheFiles(dir)).toHaveLength(1);
    logged.length = 0;

    const second = await trainBotTagger(flights, { cacheDir: dir, log });
    expect(messages()).toEqual(['entity tagger loaded from cache']);
    expect(second!.entities).toEqual(['from_city', 'to_city']);
    for (const text of unseen) expect(second!.tag(text), text).toEqual(first!.tag(text));
    expect(first!.tag(unseen[0]!).map((s) => [s.entity, s.text])).toEqual([['to_city', 'Lyon'], ['from_city', 'Turin']]);
  });

  it('what the second start tags comes from the cache file: with its weights zeroed it finds nothing', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-tagger-cache-'));
    await trainBotTagger(flights, { cacheDir: dir, log });
    const file = join(dir, cacheFiles(dir)[0]!);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as SerializedSequenceTagger;
    const zeros = (base64: string) => Buffer.alloc(Buffer.from(base64, 'base64').byteLength).toString('base64');
    writeFileSync(file, JSON.stringify({ ...cached, weights: zeros(cached.weights), transitions: zeros(cached.transitions) }));
    const second = await trainBotTagger(flights, { cacheDir: dir, log });
    for (const text of unseen) expect(second!.tag(text), text).toEqual([]);
  });

  it('other examples train another tagger; an unreadable cache file is trained again with a warning', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-tagger-cache-'));
    await trainBotTagger(flights, { cacheDir: dir, log });
    await trainBotTagger(flights.slice(1), { cacheDir: dir, log });
    expect(cacheFiles(dir)).toHaveLength(2);
    for (const file of cacheFiles(dir)) writeFileSync(join(dir, file), '{"format":"something else"}');
    logged.length = 0;
    await trainBotTagger(flights, { cacheDir: dir, log });
    expect(messages()).toEqual(['cached entity tagger unreadable; retraining', 'entity tagger trained']);
  });

  it('examples that mark no span need no tagger', async () => {
    expect(await trainBotTagger(flights.filter((e) => e.entities.length === 0), { log })).toBeUndefined();
  });
});

describe('a bot with annotated examples', () => {
  it('trains its entity tagger at the first start and loads it from the cache at the next', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-tagger-cache-'));
    const skill = defineSkill({
      name: 'flights',
      intents: { fly: { examples: flights.map((e) => e.entities.reduceRight((t, s) => `${t.slice(0, s.start)}[${t.slice(s.start, s.end)}](${s.entity})${t.slice(s.end)}`, e.text)), response: 'ok' } },
      entities: { from_city: { kind: 'learned' }, to_city: { kind: 'learned' } },
    });
    const classifier = keywordClassifier([{ keyword: 'fly', ranking: [['fly', 0.95]] }]);
    const taggerLines = () => messages().filter((m) => m.startsWith('entity tagger'));
    await (await createBot({ skills: [skill], classifier, cacheDir: dir, logger: log })).close();
    expect(taggerLines()).toEqual(['entity tagger trained']);
    logged.length = 0;
    await (await createBot({ skills: [skill], classifier, cacheDir: dir, logger: log })).close();
    expect(taggerLines()).toEqual(['entity tagger loaded from cache']);
  });
});

describe('loadSequenceTagger', () => {
  it('refuses data that is not a serialized tagger, naming the field', () => {
    const good = trainSequenceTagger(flights, { wordVectors: 'none' }).serialize();
    expect(() => loadSequenceTagger({ ...good, format: 'x' })).toThrow(/format/);
    expect(() => loadSequenceTagger({ ...good, weights: 'AAAA' })).toThrow(/weights/);
    expect(() => loadSequenceTagger({ ...good, wordVectors: 'other-vectors' })).toThrow(/wordVectors/);
    expect(loadSequenceTagger(good).tag(unseen[2]!)).toEqual(trainSequenceTagger(flights, { wordVectors: 'none' }).tag(unseen[2]!));
  });
});
