/**
 * Does an intent classifier that knows how the recognizer mishears understand spoken paraphrases better? On the
 * Acme bot: the benchmark's phrases (stt-bench-phrases.ts: examples, held-out paraphrases, tuning paraphrases)
 * spoken by Debian's espeak-ng with the benchmark's voices (en-us, en-gb at 150 and 190 words a minute) and decoded
 * once by pocketsphinx with its N-best list; then each way of deciding the intent from those readings is scored.
 * The speech-side classifier (`trainSpokenIntentClassifier`) learns from the bot's examples only, spoken by other
 * voices (espeak-ng in WASM), so no benchmark phrase or voice is in its training.
 *
 *   node --import tsx test/bench/stt-spoken-nlu.ts [--json] [--cache-dir DIR] [--voices en-us+m3@170,en-gb-scotland@165]
 *     [--readings-per-utterance 10] [--phrases-only]
 *
 * Both decodings are cached in --cache-dir (default: parley-stt-spoken-nlu in the system's temp dir), so a second
 * run only trains and scores (--phrases-only stops after decoding the benchmark's phrases). Prints a Markdown table; with --json, one JSON object follows as the last line.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { botSpeechLanguage } from '../../channels/voice/bot-speech-language.ts';
import { intentRankedSpeech } from '../../channels/voice/intent-ranked-speech.ts';
import { spokenIntentSpeech } from './spoken-intent/spoken-intent-speech.ts';
import { defaultSpokenIntentClassifierOptions, trainSpokenIntentClassifier } from './spoken-intent/train-spoken-intent-classifier.ts';
import { voteSpokenIntent } from './spoken-intent/vote-spoken-intent.ts';
import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import { createPocketsphinxSpeechToText, defaultPocketsphinxOptions } from '../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { readDictionaryWords } from '../../engine/speech/pocketsphinx/pronouncing-dictionary.ts';
import { spellDigits } from '../../engine/speech/spell-digits.ts';
import { type SpeechToText, type Transcript, transcribe } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { spokenAudio } from '../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../support/load-acme.ts';
import { type BenchPhrase, sttBenchPhrases, sttTuningPhrases } from './stt-bench-phrases.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'parley-stt-spoken-nlu') },
    voices: { type: 'string' },
    'readings-per-utterance': { type: 'string' },
    'phrases-only': { type: 'boolean', default: false },
  },
});
const cacheDir = values['cache-dir'];
const log = (line: string) => process.stderr.write(`${line}\n`);
const benchVoices = [
  { voice: 'en-us', wordsPerMinute: 150 },
  { voice: 'en-us', wordsPerMinute: 190 },
  { voice: 'en-gb', wordsPerMinute: 150 },
  { voice: 'en-gb', wordsPerMinute: 190 },
];
const trainingVoices = values.voices
  ? values.voices.split(',').map((v) => {
      const [voice, rate] = v.split('@');
      if (!voice || !rate || !Number.isFinite(Number(rate))) throw new Error(`--voices: "${v}" is not voice@wordsPerMinute`);
      return { voice, wordsPerMinute: Number(rate) };
    })
  : defaultSpokenIntentClassifierOptions.voices;
const readingsPerUtterance = Number(values['readings-per-utterance'] ?? defaultSpokenIntentClassifierOptions.readingsPerUtterance);

const acme = await loadAcme({ knowledge: false });
const registry = acme.bot.registry;
const text = acme.bot.classifier;
const dictionary = readDictionaryWords(`${defaultPocketsphinxOptions.modelDir}/cmudict-en-us.dict`);
const phrases: BenchPhrase[] = [...sttBenchPhrases(registry, (w) => dictionary.has(w)), ...sttTuningPhrases(registry)];
const language = botSpeechLanguage(registry);
const recognizer = createPocketsphinxSpeechToText({ decoders: 1 });

/** One benchmark utterance as the recognizer heard it. */
interface Heard {
  phrase: BenchPhrase;
  voice: string;
  transcript: Transcript;
}

/** Every phrase spoken by every benchmark voice and decoded once; cached by phrases, voices and language. */
async function hearBenchPhrases(): Promise<Heard[]> {
  const key = createHash('sha256').update(JSON.stringify([phrases, benchVoices, language])).digest('hex').slice(0, 16);
  const file = join(cacheDir, `bench-readings-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Heard[];
  const heard: Heard[] = [];
  for (const phrase of phrases)
    for (const voice of benchVoices) {
      const audio = spokenAudio(phrase.text.replace(/\d+/g, (digits) => spellDigits(digits)), voice);
      heard.push({ phrase, voice: `${voice.voice}@${voice.wordsPerMinute}`, transcript: await transcribe(recognizer, audio, { language }) });
    }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(heard));
  return heard;
}

/** A recognizer that gives back what was heard before: the wrappers then choose exactly as the voice channel would. */
const replay = (transcript: Transcript): SpeechToText => ({
  provider: 'replay',
  closedVocabulary: true,
  async *recognize() {
    yield { type: 'transcript-final', ...transcript };
  },
});
const readingsOf = (t: Transcript) => [t.text, ...(t.alternatives ?? []).map((a) => a.text)].map((r) => spokenDigitsToText(r));
const noAudio = { sampleRate: 16_000, samples: new Int16Array(0) };
const intentOfText = (classifier: IntentClassifier, t: string) => classifier.classify(spokenDigitsToText(t)).intent;

let started = performance.now();
const heard = await hearBenchPhrases();
log(`bench phrases decoded (or loaded) in ${((performance.now() - started) / 1000).toFixed(0)} s: ${heard.length} utterances`);
if (values['phrases-only']) {
  await acme.bot.close();
  process.exit(0);
}
started = performance.now();
let shown = 0;
const spoken = await trainSpokenIntentClassifier({
  examples: registry.examples(),
  language,
  stt: recognizer,
  voices: trainingVoices,
  readingsPerUtterance,
  cacheDir,
  log: pino({ level: 'silent' }),
  onProgress: (fraction) => {
    if (fraction * 20 < shown + 1) return;
    shown = Math.floor(fraction * 20);
    log(`training readings: ${shown * 5} % in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  },
});
log(`speech-side classifier ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);

type Decide = (h: Heard) => Promise<string | null> | string | null;
const approaches: Array<{ name: string; decide: Decide }> = [
  { name: 'text classifier, top reading', decide: (h) => intentOfText(text, h.transcript.text) },
  { name: 'text classifier, ranked (intentRankedSpeech, today)', decide: async (h) => intentOfText(text, (await transcribe(intentRankedSpeech(replay(h.transcript), text), noAudio, { language })).text) },
  { name: 'text classifier, vote over the N-best', decide: (h) => voteSpokenIntent(text, readingsOf(h.transcript)).intent },
  { name: 'speech-side classifier, top reading', decide: (h) => intentOfText(spoken, h.transcript.text) },
  { name: 'speech-side classifier, vote over the N-best', decide: (h) => voteSpokenIntent(spoken, readingsOf(h.transcript)).intent },
  {
    name: 'speech-side vote, reading chosen for the text classifier (spokenIntentSpeech)',
    decide: async (h) => intentOfText(text, (await transcribe(spokenIntentSpeech(replay(h.transcript), { classifier: text, spokenClassifier: spoken }), noAudio, { language })).text),
  },
  { name: 'bound: the right intent in any reading (text classifier)', decide: (h) => (readingsOf(h.transcript).some((r) => text.classify(r).intent === h.phrase.intent) ? h.phrase.intent : null) },
];
const kinds: BenchPhrase['kind'][] = ['example', 'paraphrase', 'tuning'];
const rows: Array<{ approach: string; kind: string; utterances: number; intent_accuracy: number; typed_intent_accuracy: number }> = [];
for (const { name, decide } of approaches)
  for (const kind of kinds) {
    const of = heard.filter((h) => h.phrase.kind === kind);
    let correct = 0;
    for (const h of of) if ((await decide(h)) === h.phrase.intent) correct++;
    const typed = of.filter((h) => text.classify(h.phrase.text).intent === h.phrase.intent).length;
    rows.push({ approach: name, kind, utterances: of.length, intent_accuracy: correct / of.length, typed_intent_accuracy: typed / of.length });
  }
const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
console.log(`Training voices: ${trainingVoices.map((v) => `${v.voice}@${v.wordsPerMinute}`).join(', ')}; readings per utterance: ${readingsPerUtterance}`);
console.log('| intent decided by | phrases | utterances | intent accuracy (spoken) | intent accuracy (typed) |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.approach} | ${r.kind}s | ${r.utterances} | ${percent(r.intent_accuracy)} | ${percent(r.typed_intent_accuracy)} |`);
if (values.json) console.log(JSON.stringify({ training_voices: trainingVoices, readings_per_utterance: readingsPerUtterance, rows }));
await acme.bot.close();
