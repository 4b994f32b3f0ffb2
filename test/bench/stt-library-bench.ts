/**
 * Spoken turns on a second bot (the Riverside City Library, `test/fixtures/bots/library`) in espeak-ng voices the Acme
 * benchmark does not use: intent accuracy of spoken example phrasings and of paraphrases written apart
 * (`stt-library-phrases.jsonl`), against the same sentences typed; and the share of slot answers heard right while
 * the bot waits for them (a day, a number of people, a card number, yes or no, "cancel" inside a form), each per voice.
 * Recognition is the voice channel's default: pocketsphinx `hybrid` over the bot's language, the intent chosen over
 * the N-best readings (`intentRankedSpeech`) and, while the bot waits for an answer, the likeliest reading that gives it
 * (`answerFirstSpeech`).
 *
 *   node --import tsx test/bench/stt-library-bench.ts [--voices en-gb-scotland,en-029,en-us+f2,en-gb-x-rp+m3] [--speeds 140,185] [--json]
 *
 * Prints a Markdown table on stdout; with --json, one JSON object follows as the last line (rates in [0, 1]).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { answerFirstSpeech } from '../../channels/voice/answer-first-speech.ts';
import { botSpeechLanguage } from '../../channels/voice/bot-speech-language.ts';
import { intentRankedSpeech } from '../../channels/voice/intent-ranked-speech.ts';
import type { SpokenAnswer } from '../../channels/voice/spoken-answer.ts';
import { createBooleanEntityExtractor } from '../../engine/nlu/boolean-entity.ts';
import { createEntityExtractor } from '../../engine/nlu/create-entity-extractor.ts';
import { createPocketsphinxSpeechToText } from '../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { transcribe } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { spokenAudio } from '../fixtures/voice/spoken-wav.ts';
import { loadLibraryBot } from '../support/load-library-bot.ts';

const { values } = parseArgs({ options: { voices: { type: 'string', default: 'en-gb-scotland,en-029,en-us+f2,en-gb-x-rp+m3' }, speeds: { type: 'string', default: '140,185' }, json: { type: 'boolean', default: false } } });
const voices = values.voices.split(',');
const speeds = values.speeds.split(',').map(Number);

/** A slot answer: what the bot waits for, what is said, and the value it must read (`cancel`: the cancel intent). */
interface SlotAnswer {
  awaited: SpokenAnswer;
  text: string;
  value: string | number | boolean;
}
const day: SpokenAnswer = { kind: 'slot', flow: 'book_study_room', slot: 'day', entity: 'day', label: 'day' };
const people: SpokenAnswer = { kind: 'slot', flow: 'book_study_room', slot: 'people', entity: 'people', label: 'number of people' };
const card: SpokenAnswer = { kind: 'slot', flow: 'renew_loans', slot: 'card', entity: 'card', label: 'card number' };
const slotAnswers: SlotAnswer[] = [
  { awaited: day, text: 'friday', value: 'friday' },
  { awaited: day, text: 'on saturday', value: 'saturday' },
  { awaited: day, text: 'tomorrow please', value: 'tomorrow' },
  { awaited: people, text: 'three', value: 3 },
  { awaited: people, text: 'two people', value: 2 },
  { awaited: people, text: 'for four', value: 4 },
  { awaited: card, text: 'two four six eight one three five seven', value: '24681357' },
  { awaited: card, text: 'my card number is one one two two three three four four', value: '11223344' },
  { awaited: { kind: 'yes-no' }, text: 'yes', value: true },
  { awaited: { kind: 'yes-no' }, text: 'no thanks', value: false },
  { awaited: day, text: 'cancel', value: 'cancel' },
  { awaited: people, text: 'cancel that', value: 'cancel' },
];

const loaded = await loadLibraryBot();
const { registry, classifier } = loaded.bot;
const extractor = createEntityExtractor(registry.entities);
const yesNo = createBooleanEntityExtractor('yes_no');
const stt = answerFirstSpeech(intentRankedSpeech(createPocketsphinxSpeechToText(), classifier), registry, { classifier });
const intentOf = (text: string) => classifier.classify(text).intent;

const examples = [...registry.intents].flatMap(([intent, d]) => {
  if (!['library_questions', 'renew_loans', 'book_study_room', 'talk_to_librarian'].includes(intent)) return [];
  const step = Math.floor(d.examples.length / 4);
  return [0, 1, 2, 3].map((i) => ({ text: d.examples[i * step]!, intent, kind: 'example' }));
});
const paraphrases = readFileSync('test/bench/stt-library-phrases.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; intent: string; kind: string });
const phrases = [...examples, ...paraphrases];

const heard = async (text: string, voice: string, wordsPerMinute: number, awaited?: SpokenAnswer) => {
  const audio = spokenAudio(text, { voice, wordsPerMinute });
  const { text: transcript } = await transcribe(stt, audio, { language: botSpeechLanguage(registry, awaited) });
  return spokenDigitsToText(transcript);
};

const answerRight = (answer: SlotAnswer, transcript: string) => {
  if (answer.value === 'cancel') return intentOf(transcript) === 'cancel';
  if (typeof answer.value === 'boolean') return yesNo.extract(transcript)[0]?.value === answer.value;
  const slot = answer.awaited.kind === 'slot' ? answer.awaited.entity : undefined;
  return extractor.extract(transcript).some((e) => e.entity === slot && e.value === answer.value);
};

interface Tally {
  right: number;
  total: number;
}
const rows: Array<{ voice: string; set: string; utterances: number; spoken: number; typed?: number }> = [];
const typed = (kind: string) => phrases.filter((p) => p.kind === kind).filter((p) => intentOf(p.text) === p.intent).length / phrases.filter((p) => p.kind === kind).length;
for (const voice of voices) {
  const tallies: Record<string, Tally> = { example: { right: 0, total: 0 }, paraphrase: { right: 0, total: 0 }, answer: { right: 0, total: 0 } };
  for (const speed of speeds) {
    for (const phrase of phrases) {
      const transcript = await heard(phrase.text, voice, speed);
      const t = tallies[phrase.kind]!;
      t.total++;
      if (intentOf(transcript) === phrase.intent) t.right++;
      process.stderr.write(`${voice}@${speed} ${phrase.intent} "${phrase.text}" → "${transcript}" (${intentOf(transcript)})\n`);
    }
    for (const answer of slotAnswers) {
      const transcript = await heard(answer.text, voice, speed, answer.awaited);
      tallies.answer!.total++;
      if (answerRight(answer, transcript)) tallies.answer!.right++;
      process.stderr.write(`${voice}@${speed} answer "${answer.text}" → "${transcript}" ${answerRight(answer, transcript) ? 'ok' : 'MISS'}\n`);
    }
  }
  for (const [set, t] of Object.entries(tallies)) rows.push({ voice, set, utterances: t.total, spoken: t.right / t.total, ...(set === 'answer' ? {} : { typed: typed(set) }) });
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
process.stdout.write('| voice | set | utterances | spoken | typed |\n|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.voice} | ${r.set} | ${r.utterances} | ${pct(r.spoken)} | ${r.typed === undefined ? '—' : pct(r.typed)} |\n`);
if (values.json) process.stdout.write(`${JSON.stringify({ bot: loaded.definition.name, voices, speeds, rows })}\n`);
await loaded.bot.close();
