/**
 * Speech recognition benchmark on the Acme bot: phrases spoken by espeak-ng (two voices, two speeds) are
 * transcribed by pocketsphinx with each decoding approach over the language built from the bot, then classified;
 * word error rate and intent accuracy, against the same sentences typed. Then espeak-ng's time to the first audio
 * chunk, and the spoken turn's latency over REST (end of upload to the first byte of the answer).
 *
 *   npm run bench:stt [-- --json] [--approaches ngram,grammar] [--limit 44] [--turns 20]
 *
 * Prints a Markdown table on stdout; with --json, one JSON object follows as the last line (rates in [0, 1],
 * times in milliseconds). Progress goes to stderr.
 */
import { parseArgs } from 'node:util';
import { botSpeechLanguage } from '../../channels/voice/bot-speech-language.ts';
import { speechWords } from '../../channels/voice/speech-words.ts';
import { createPocketsphinxSpeechToText, defaultPocketsphinxOptions } from '../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { readDictionaryWords } from '../../engine/speech/pocketsphinx/pronouncing-dictionary.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { transcribe } from '../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../support/load-acme.ts';
import { type BenchPhrase, sttBenchPhrases } from './stt-bench-phrases.ts';
import { wordErrors } from './word-error-rate.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    approaches: { type: 'string', default: 'ngram,grammar' },
    limit: { type: 'string' },
    turns: { type: 'string', default: '20' },
  },
});

/** A way of decoding, as the benchmark names it. */
interface Approach {
  name: string;
  decoding: 'ngram' | 'grammar' | 'hybrid';
  decoderArgs?: string[];
}
const known: Approach[] = [
  { name: 'ngram', decoding: 'ngram' },
  { name: 'grammar', decoding: 'grammar' },
  { name: 'hybrid', decoding: 'hybrid' },
  { name: 'ngram-fast', decoding: 'ngram', decoderArgs: ['-fwdflat', 'no', '-bestpath', 'no'] },
];
const approaches = values.approaches.split(',').map((name) => {
  const found = known.find((a) => a.name === name);
  if (!found) throw new Error(`--approaches: unknown "${name}"; known: ${known.map((a) => a.name).join(', ')}`);
  return found;
});
const voices = [
  { voice: 'en-us', wordsPerMinute: 150 },
  { voice: 'en-us', wordsPerMinute: 190 },
  { voice: 'en-gb', wordsPerMinute: 150 },
  { voice: 'en-gb', wordsPerMinute: 190 },
];

const log = (line: string) => process.stderr.write(`${line}\n`);
const acme = await loadAcme();
const dictionary = readDictionaryWords(`${defaultPocketsphinxOptions.modelDir}/cmudict-en-us.dict`);
let phrases: BenchPhrase[] = sttBenchPhrases(acme.bot.registry, (w) => dictionary.has(w));
if (values.limit) phrases = phrases.slice(0, Number(values.limit));
const language = botSpeechLanguage(acme.bot.registry);
const intentOf = (text: string) => acme.bot.classifier.classify(text).intent;
const typedCorrect = (kind: BenchPhrase['kind']) => {
  const of = phrases.filter((p) => p.kind === kind);
  return of.filter((p) => intentOf(p.text) === p.intent).length / of.length;
};

interface Score {
  words: number;
  errors: number;
  correct: number;
  count: number;
  ms: number[];
}
const results: Record<string, Record<BenchPhrase['kind'], Score>> = {};
for (const approach of approaches) {
  const stt = createPocketsphinxSpeechToText({ decoding: approach.decoding, ...(approach.decoderArgs ? { decoderArgs: approach.decoderArgs } : {}) });
  const score = { example: { words: 0, errors: 0, correct: 0, count: 0, ms: [] }, paraphrase: { words: 0, errors: 0, correct: 0, count: 0, ms: [] } } as Record<BenchPhrase['kind'], Score>;
  // The first decoding loads the language's model: not counted.
  await transcribe(stt, spokenAudio('hello'), { language });
  for (const phrase of phrases)
    for (const voice of voices) {
      const started = performance.now();
      const { text } = await transcribe(stt, spokenAudio(phrase.text, voice), { language });
      const s = score[phrase.kind];
      s.ms.push(performance.now() - started);
      const reference = speechWords(phrase.text);
      s.words += reference.length;
      s.errors += wordErrors(reference, text.split(/\s+/).filter(Boolean));
      s.count++;
      if (intentOf(spokenDigitsToText(text)) === phrase.intent) s.correct++;
    }
  results[approach.name] = score;
  log(`${approach.name}: done`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rows = Object.entries(results).flatMap(([name, byKind]) =>
  (['example', 'paraphrase'] as const).map((kind) => {
    const s = byKind[kind];
    return { approach: name, kind, utterances: s.count, wer: s.errors / s.words, intent_accuracy: s.correct / s.count, typed_intent_accuracy: typedCorrect(kind), decode_ms_p50: median(s.ms) };
  }),
);
console.log('| approach | phrases | utterances | WER | intent accuracy (spoken) | intent accuracy (typed) | decode p50 |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.approach} | ${r.kind}s | ${r.utterances} | ${(r.wer * 100).toFixed(1)} % | ${(r.intent_accuracy * 100).toFixed(1)} % | ${(r.typed_intent_accuracy * 100).toFixed(1)} % | ${r.decode_ms_p50.toFixed(0)} ms |`);
if (values.json) console.log(JSON.stringify({ phrases: phrases.length, voices: voices.length, stt: rows }));
await acme.bot.close();
