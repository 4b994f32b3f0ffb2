/**
 * Speech recognition benchmark on the Acme bot: phrases spoken by espeak-ng (two voices, two speeds) are
 * transcribed by pocketsphinx with each decoding approach over the language built from the bot, then classified;
 * word error rate and intent accuracy, against the same sentences typed. Then espeak-ng's time to the first audio
 * chunk, and the spoken turn's latency over REST (end of upload to the first byte of the answer).
 *
 *   npm run bench:stt [-- --json] [--approaches ngram,grammar,hybrid-ranked] [--tuning] [--phrases f.jsonl] [--limit 44] [--turns 20]
 *     [--kinds example,tuning] [--dump recognitions.jsonl] [--noise pink --snr 10] [--band telephone] [--gain=-30] [--voices en-us:150] [--decoder="-remove_noise yes"]
 *
 * Phrases are spoken with their digits one by one, as the reference transcripts have them. --tuning adds the
 * tuning paraphrases (stt-tuning-phrases.jsonl) as a third set, to choose settings on. The `corpus…` approaches mix
 * the language's corpus (the examples varied as train-model varies them) into the n-gram model; every corpus
 * sentence that is a held-out or tuning text word for word is left out first, and the count reported.
 * `neighbours-ranked` mixes in the phrases with a word swapped for a GloVe neighbour instead (stt-neighbour-corpus.ts).
 * Each row also gives the share of utterances with the right intent in any reading: the bound of any choice among them.
 * `hybrid-choosers` decodes once with `hybrid` and reports one row per way of choosing among the readings
 * (stt-choosers.ts), on the same decodings; --dump writes each of its recognitions as a JSON line, to compare
 * more choosers without decoding again. --kinds keeps only some sets (e.g. `example,tuning`, to tune without
 * looking at the held-out paraphrases).
 *
 * Prints a Markdown table on stdout; with --json, one JSON object follows as the last line (rates in [0, 1],
 * times in milliseconds). Progress goes to stderr.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { createParleyServer } from '../../channels/http/create-parley-server.ts';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../core/stores/memory-store.ts';
import { createEspeakTextToSpeech } from '../../engine/speech/espeak/espeak-text-to-speech.ts';
import { botSpeechLanguage } from '../../channels/voice/bot-speech-language.ts';
import { builtinWordVectors } from '../../engine/nlu/load-word-vectors.ts';
import { intentRankedSpeech } from '../../channels/voice/intent-ranked-speech.ts';
import { speechWords } from '../../channels/voice/speech-words.ts';
import { createPocketsphinxSpeechToText, defaultPocketsphinxOptions } from '../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { readDictionaryWords } from '../../engine/speech/pocketsphinx/pronouncing-dictionary.ts';
import type { PhraseItem, SpeechLanguage } from '../../engine/speech/speech-language.ts';
import { spellDigits } from '../../engine/speech/spell-digits.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { transcribe } from '../../engine/speech/speech-to-text.ts';
import { spokenAudio, spokenWav } from '../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../support/load-acme.ts';
import { type BenchPhrase, sttBenchPhrases, sttFilePhrases, sttTuningPhrases } from './stt-bench-phrases.ts';
import { benchChoosers } from './stt-choosers.ts';
import { type Degradation, degrade, degrades } from './stt-degrade.ts';
import { neighbourCorpus } from './stt-neighbour-corpus.ts';
import { wordErrors } from './word-error-rate.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    approaches: { type: 'string', default: 'ngram,grammar' },
    limit: { type: 'string' },
    turns: { type: 'string', default: '20' },
    tuning: { type: 'boolean', default: false },
    phrases: { type: 'string' },
    kinds: { type: 'string' },
    dump: { type: 'string' },
    noise: { type: 'string' },
    snr: { type: 'string', default: '20' },
    band: { type: 'string' },
    gain: { type: 'string', default: '0' },
    voices: { type: 'string' },
    decoder: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'npm run bench:stt [-- --json] [--approaches ngram,grammar,hybrid-ranked] [--tuning] [--phrases file.jsonl] [--limit 44] [--turns 20] [--kinds example,tuning] [--dump file.jsonl]\n' +
      '  --phrases  also speak the {"text","intent"} lines of a JSON-lines file (reported as "files")\n' +
      '  --kinds    only these sets, comma-separated: example, paraphrase, tuning, file\n' +
      '  --dump     with hybrid-choosers, write each recognition as a JSON line to this file\n' +
      '  --noise    mix in white, pink or brown noise at --snr dB (default 20) over the speech\n' +
      '  --band     telephone: speak through an 8 kHz, 300-3400 Hz telephone band\n' +
      '  --gain=DB  change the level by this many dB (--gain=-30: a quiet microphone; positive values clip)\n' +
      '  --voices   only these voices, e.g. en-us:150,en-gb:190 (default all four)\n' +
      '  --decoder=ARGS  extra pocketsphinx arguments for every approach, e.g. --decoder="-remove_noise yes"\n',
  );
  process.exit(0);
}

/** A way of decoding, as the benchmark names it. */
interface Approach {
  name: string;
  decoding: 'ngram' | 'grammar' | 'hybrid';
  decoderArgs?: string[];
  /** The final transcript is the N-best reading the intent classifier is surest of (as the voice channel does). */
  ranked?: boolean;
  /** Copies of the language's corpus (the examples varied as train-model varies them) in the n-gram text; 0 leaves it out. */
  corpusWeight: number;
  /** Keeps every n-th corpus sentence only (the corpus holds six variants of each example in a row). Default 1. */
  corpusEvery?: number;
  /** The corpus is the phrases with a word swapped for a GloVe neighbour (stt-neighbour-corpus.ts), not train-model's variants. */
  neighbours?: boolean;
  /** N-best readings given as alternatives. Default the recognizer's (10). */
  alternatives?: number;
  /** One row per chooser of stt-choosers.ts over the unranked readings, instead of one row. */
  choosers?: boolean;
}
const known: Approach[] = [
  { name: 'ngram', decoding: 'ngram', corpusWeight: 0 },
  { name: 'grammar', decoding: 'grammar', corpusWeight: 0 },
  { name: 'hybrid', decoding: 'hybrid', corpusWeight: 0 },
  { name: 'ngram-fast', decoding: 'ngram', decoderArgs: ['-fwdflat', 'no', '-bestpath', 'no'], corpusWeight: 0 },
  { name: 'ngram-ranked', decoding: 'ngram', ranked: true, corpusWeight: 0 },
  { name: 'hybrid-ranked', decoding: 'hybrid', ranked: true, corpusWeight: 0 },
  { name: 'hybrid-ranked-lw10', decoding: 'hybrid', ranked: true, decoderArgs: ['-lw', '10'], corpusWeight: 0 },
  { name: 'corpus-ranked', decoding: 'hybrid', ranked: true, corpusWeight: 1 },
  { name: 'corpus-ranked-lw10', decoding: 'hybrid', ranked: true, decoderArgs: ['-lw', '10'], corpusWeight: 1 },
  { name: 'corpus3-ranked', decoding: 'hybrid', ranked: true, corpusWeight: 3 },
  { name: 'corpus-2of6-ranked', decoding: 'hybrid', ranked: true, corpusWeight: 1, corpusEvery: 3 },
  { name: 'corpus-1of6-ranked', decoding: 'hybrid', ranked: true, corpusWeight: 1, corpusEvery: 6 },
  { name: 'neighbours-ranked', decoding: 'hybrid', ranked: true, corpusWeight: 1, neighbours: true },
  { name: 'hybrid-ranked-nbest50', decoding: 'hybrid', ranked: true, corpusWeight: 0, alternatives: 50 },
  { name: 'hybrid-choosers', decoding: 'hybrid', corpusWeight: 0, choosers: true },
];
const approaches = values.approaches.split(',').map((name) => {
  const found = known.find((a) => a.name === name);
  if (!found) throw new Error(`--approaches: unknown "${name}"; known: ${known.map((a) => a.name).join(', ')}`);
  return found;
});
const allVoices = [
  { voice: 'en-us', wordsPerMinute: 150 },
  { voice: 'en-us', wordsPerMinute: 190 },
  { voice: 'en-gb', wordsPerMinute: 150 },
  { voice: 'en-gb', wordsPerMinute: 190 },
];
const voices = values.voices ? allVoices.filter((v) => values.voices!.split(',').includes(`${v.voice}:${v.wordsPerMinute}`)) : allVoices;
if (voices.length === 0) {
  process.stderr.write(`bench:stt: --voices: none of ${allVoices.map((v) => `${v.voice}:${v.wordsPerMinute}`).join(', ')}\n`);
  process.exit(2);
}
if (values.noise !== undefined && !['white', 'pink', 'brown'].includes(values.noise)) {
  process.stderr.write('bench:stt: --noise: white, pink or brown\n');
  process.exit(2);
}
if (values.band !== undefined && values.band !== 'telephone') {
  process.stderr.write('bench:stt: --band: only "telephone" (8 kHz, 300-3400 Hz)\n');
  process.exit(2);
}
if (!Number.isFinite(Number(values.snr)) || !Number.isFinite(Number(values.gain))) {
  process.stderr.write('bench:stt: --snr and --gain are numbers of dB\n');
  process.exit(2);
}
const degradation: Degradation = {
  ...(values.noise ? { noise: values.noise as 'white' | 'pink' | 'brown', snrDb: Number(values.snr) } : {}),
  ...(values.band ? { telephone: true } : {}),
  gainDb: Number(values.gain),
};
const decoderExtra = values.decoder ? values.decoder.split(/\s+/).filter(Boolean) : [];
/** The benchmark's audio of `text`: espeak-ng's, spoiled as the options say. */
const benchAudio = (text: string, voice: { voice: string; wordsPerMinute: number }) => {
  const clean = spokenAudio(text, voice);
  return degrades(degradation) ? degrade(clean, degradation) : clean;
};

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The --phrases file's phrases, or a one-line error and exit code 2. */
function readFilePhrases(file: string): BenchPhrase[] {
  try {
    return sttFilePhrases(file, acme.bot.registry);
  } catch (error) {
    process.stderr.write(`bench:stt: --phrases: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
const benchStore = createMemoryStore();
const acme: LoadedBot & { store?: ConversationStore } = await loadAcme({ conversationStore: benchStore, knowledge: false });
const dictionary = readDictionaryWords(`${defaultPocketsphinxOptions.modelDir}/cmudict-en-us.dict`);
let phrases: BenchPhrase[] = sttBenchPhrases(acme.bot.registry, (w) => dictionary.has(w));
if (values.limit) phrases = phrases.slice(0, Number(values.limit));
if (values.tuning) phrases = [...phrases, ...sttTuningPhrases(acme.bot.registry)];
const filePhrases = values.phrases ? readFilePhrases(values.phrases) : [];
phrases = [...phrases, ...filePhrases];
if (values.kinds) {
  const wanted = new Set(values.kinds.split(','));
  const unknown = [...wanted].filter((kind) => !['example', 'paraphrase', 'tuning', 'file'].includes(kind));
  phrases = phrases.filter((p) => wanted.has(p.kind));
  if (unknown.length > 0 || phrases.length === 0) {
    process.stderr.write(`bench:stt: --kinds: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'no phrases left'}; known: example, paraphrase, tuning (with --tuning), file (with --phrases)\n`);
    process.exit(2);
  }
}
const kinds = [...new Set(phrases.map((p) => p.kind))];
const heldOutTexts = [...phrases.filter((p) => p.kind !== 'example'), ...sttBenchPhrases(acme.bot.registry, () => true, 1000).filter((p) => p.kind === 'paraphrase'), ...sttTuningPhrases(acme.bot.registry)];
const { language, corpusOverlap, exampleOverlap } = heldOutLanguage(botSpeechLanguage(acme.bot.registry), heldOutTexts);
log(`held-out and tuning texts that are bot examples (in every approach's language): ${exampleOverlap}; corpus sentences equal to one, left out: ${corpusOverlap}`);
const intentOf = (text: string) => acme.bot.classifier.classify(text).intent;
const typedCorrect = (kind: BenchPhrase['kind']) => {
  const of = phrases.filter((p) => p.kind === kind);
  return of.filter((p) => intentOf(p.text) === p.intent).length / of.length;
};

interface Score {
  words: number;
  errors: number;
  correct: number;
  /** Utterances with the right intent in at least one reading (transcript or alternative): what any choice among them could reach. */
  anyReading: number;
  count: number;
  ms: number[];
}
const results: Record<string, Record<BenchPhrase['kind'], Score>> = {};
if (values.dump) writeFileSync(values.dump, '');
/** Milliseconds from creating the recognizer to the end of its first decoding (model and search built). */
const startupMs: Record<string, number> = {};
for (const approach of approaches) {
  const startedAt = performance.now();
  const recognizer = createPocketsphinxSpeechToText({ decoding: approach.decoding, corpusWeight: approach.corpusWeight, wordPosteriors: approach.choosers === true, ...(approach.decoderArgs || decoderExtra.length > 0 ? { decoderArgs: [...(approach.decoderArgs ?? []), ...decoderExtra] } : {}), ...(approach.alternatives ? { alternatives: approach.alternatives } : {}) });
  const heard = approach.neighbours
    ? withNeighbours(language)
    : approach.corpusEvery
      ? { ...language, corpus: (language.corpus ?? []).filter((_, i) => i % (approach.corpusEvery ?? 1) === 0) }
      : language;
  const stt = approach.ranked ? intentRankedSpeech(recognizer, acme.bot.classifier) : recognizer;
  const newScore = () => Object.fromEntries(kinds.map((kind) => [kind, { words: 0, errors: 0, correct: 0, anyReading: 0, count: 0, ms: [] }])) as unknown as Record<BenchPhrase['kind'], Score>;
  const score = newScore();
  const choosers = approach.choosers ? benchChoosers(acme.bot.classifier) : {};
  const chosenScores = Object.fromEntries(Object.keys(choosers).map((name) => [name, newScore()]));
  // The first decoding loads the language's model: counted as start-up, not as a decoding.
  await transcribe(stt, spokenAudio('hello'), { language: heard });
  startupMs[approach.name] = performance.now() - startedAt;
  for (const phrase of phrases)
    for (const voice of voices) {
      const started = performance.now();
      const transcript = await transcribe(stt, benchAudio(readOut(phrase.text), voice), { language: heard });
      const ms = performance.now() - started;
      const tally = (s: Score, text: string) => {
        s.ms.push(ms);
        const reference = speechWords(phrase.text);
        s.words += reference.length;
        s.errors += wordErrors(reference, text.split(/\s+/).filter(Boolean));
        s.count++;
        if (intentOf(spokenDigitsToText(text)) === phrase.intent) s.correct++;
        if ([transcript.text, ...(transcript.alternatives ?? []).map((a) => a.text)].some((t) => intentOf(spokenDigitsToText(t)) === phrase.intent)) s.anyReading++;
      };
      tally(score[phrase.kind], transcript.text);
      for (const [name, choose] of Object.entries(choosers)) tally(chosenScores[name]![phrase.kind], await choose(transcript, (text) => acme.bot.classifier.classify(text)));
      if (values.dump && approach.choosers) appendFileSync(values.dump, `${JSON.stringify({ kind: phrase.kind, intent: phrase.intent, text: phrase.text, voice, transcript })}\n`);
    }
  if (approach.choosers) for (const [name, chosen] of Object.entries(chosenScores)) results[`${approach.name}:${name}`] = chosen;
  else results[approach.name] = score;
  if (approach.choosers) for (const name of Object.keys(chosenScores)) startupMs[`${approach.name}:${name}`] = startupMs[approach.name] ?? 0;
  log(`${approach.name}: done`);
}

/** The language with the neighbour corpus (stt-neighbour-corpus.ts) as its corpus, held-out texts left out of it. */
function withNeighbours(base: SpeechLanguage): SpeechLanguage {
  const corpus = neighbourCorpus(base, { vectors: builtinWordVectors(), candidates: dictionary });
  const held = heldOutLanguage({ phrases: base.phrases, classes: base.classes, corpus }, heldOutTexts);
  log(`neighbour corpus: ${corpus.length} sentences, ${held.corpusOverlap} equal to a held-out or tuning text left out`);
  return held.language;
}

/**
 * The language without the corpus sentences that are one of the held-out or tuning texts word for word (a
 * variant of an example can be: "help" + " please"), and how many there were; also how many of those texts are
 * bot examples (then they are phrases of every approach's language, and the typed classifier was trained on them).
 */
function heldOutLanguage(full: SpeechLanguage, heldOut: readonly BenchPhrase[]): { language: SpeechLanguage; corpusOverlap: number; exampleOverlap: number } {
  const texts = new Set(heldOut.map((p) => speechWords(p.text).join(' ')));
  const plain = (items: readonly PhraseItem[]) => (items.every((i) => typeof i === 'string') ? items.join(' ') : undefined);
  const corpus = (full.corpus ?? []).filter((p) => !texts.has(plain(p.items) ?? ''));
  const examples = new Set(acme.bot.registry.examples().map((e) => speechWords(e.text).join(' ')));
  return { language: { ...full, corpus }, corpusOverlap: (full.corpus?.length ?? 0) - corpus.length, exampleOverlap: [...texts].filter((t) => examples.has(t)).length };
}

/**
 * The phrase as espeak-ng should say it: digits one by one, as people read out an order number and as the
 * reference transcript (speechWords) has them; espeak-ng alone reads "45210" as "forty-five thousand…".
 */
function readOut(text: string): string {
  return text.replace(/\d+/g, (digits) => spellDigits(digits));
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

// Text to speech: time to the first audio chunk of the bot's replies (espeak-ng, warm).
const tts = createEspeakTextToSpeech();
for await (const _ of tts.synthesize('Warming up.')) {
  // Loading only.
}
const replies = ["What's your order number? It has 5 digits, like 12345.", "I found order 45210. To protect your privacy, what's the e-mail address on the order?", "Okay, I've stopped: checking an order.", 'Our stores are open Monday to Saturday from 9 am to 8 pm, and on Sunday from 10 am to 6 pm.'];
const firstChunkMs: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  for await (const event of tts.synthesize(replies[i % replies.length]!))
    if (event.type === 'audio') {
      firstChunkMs.push(performance.now() - started);
      break;
    }
}
log('tts: done');

// Spoken turns: end of upload to the first byte of the answer (REST), and to the first audio chunk (socket).
const turns = Number(values.turns);
const server = createParleyServer({ bot: acme.bot, botName: 'Acme', log: pino({ level: 'silent' }), apiKeys: ['bench-key'], voice: { store: acme.store ?? benchStore } });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
const spoken = ['where is my order', 'cancel', 'what are your opening hours', 'I want to return an item'].map((t) => spokenWav(t));
const restMs: number[] = [];
for (let i = 0; i < turns; i++) restMs.push(await restTurn(port, `bench-rest-${i}`, spoken[i % spoken.length]!));
const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
await new Promise((resolve) => socket.once('session', resolve));
const socketMs: number[] = [];
for (let i = 0; i < turns; i++) socketMs.push(await socketTurn(socket, `bench-socket-${i}`, spokenAudio(['where is my order', 'cancel'][i % 2]!).samples));
socket.close();
await server.web?.stop();
await new Promise((resolve) => server.close(resolve));
log('turns: done');

const rows = Object.entries(results).flatMap(([name, byKind]) =>
  kinds.map((kind) => {
    const s = byKind[kind];
    return { approach: name, kind, utterances: s.count, wer: s.errors / s.words, intent_accuracy: s.correct / s.count, intent_in_any_reading: s.anyReading / s.count, typed_intent_accuracy: typedCorrect(kind), decode_ms_p50: median(s.ms), startup_ms: startupMs[name] ?? 0 };
  }),
);
console.log('| approach | phrases | utterances | WER | intent accuracy (spoken) | intent accuracy (typed) | right intent in any reading | decode p50 | start-up |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.approach} | ${r.kind}s | ${r.utterances} | ${(r.wer * 100).toFixed(1)} % | ${(r.intent_accuracy * 100).toFixed(1)} % | ${(r.typed_intent_accuracy * 100).toFixed(1)} % | ${(r.intent_in_any_reading * 100).toFixed(1)} % | ${r.decode_ms_p50.toFixed(0)} ms | ${r.startup_ms.toFixed(0)} ms |`);
const latency = {
  tts_first_chunk_ms: { p50: median(firstChunkMs), p95: quantile(firstChunkMs, 0.95) },
  rest_turn_ms: { p50: median(restMs), p95: quantile(restMs, 0.95) },
  socket_first_audio_ms: { p50: median(socketMs), p95: quantile(socketMs, 0.95) },
};
console.log('');
console.log('| measure | p50 | p95 |');
console.log('|---|---|---|');
console.log(`| TTS (espeak-ng) time to first chunk | ${latency.tts_first_chunk_ms.p50.toFixed(0)} ms | ${latency.tts_first_chunk_ms.p95.toFixed(0)} ms |`);
console.log(`| REST spoken turn, end of upload to first byte (whole answer with audio) | ${latency.rest_turn_ms.p50.toFixed(0)} ms | ${latency.rest_turn_ms.p95.toFixed(0)} ms |`);
console.log(`| socket spoken turn, voice-end to first voice-audio chunk | ${latency.socket_first_audio_ms.p50.toFixed(0)} ms | ${latency.socket_first_audio_ms.p95.toFixed(0)} ms |`);
if (values.json) console.log(JSON.stringify({ degradation, decoder_args: decoderExtra, phrases: phrases.length, corpus_overlap: corpusOverlap, example_overlap: exampleOverlap, voices: voices.length, stt: rows, ...latency }));
await acme.bot.close();

/** Milliseconds from the last byte of a WAV upload to the first byte of the answer. */
function restTurn(port: number, conversation: string, wav: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    let sentAt = 0;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/conversations/${conversation}/utterances`, headers: { 'content-type': 'audio/wav', authorization: 'Bearer bench-key', 'content-length': wav.byteLength } }, (res) => {
      const firstByteMs = performance.now() - sentAt;
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(firstByteMs) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(wav, () => {
      sentAt = performance.now();
    });
  });
}

/** Milliseconds from `voice-end` to the first `voice-audio` chunk of the reply. */
function socketTurn(socket: Socket, id: string, samples: Int16Array): Promise<number> {
  return new Promise((resolve) => {
    let endAt = 0;
    let first = 0;
    const onAudio = (a: { id: string }) => {
      if (a.id === id && first === 0) first = performance.now() - endAt;
    };
    const onDone = (d: { id: string }) => {
      if (d.id !== id) return;
      socket.off('voice-audio', onAudio).off('voice-done', onDone);
      resolve(first);
    };
    socket.on('voice-audio', onAudio).on('voice-done', onDone);
    socket.emit('voice-start', { id, sampleRate: 16_000 });
    for (let at = 0; at < samples.length; at += 4000) socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + 4000).buffer) });
    socket.emit('voice-end', { id });
    endAt = performance.now();
  });
}
