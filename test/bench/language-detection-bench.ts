/**
 * `npm run bench:languages`: which detector reads the language of short customer messages better, tinyld or a
 * classifier trained on the bot's own examples of each language. Lines: the Acme validation sets (English and
 * Spanish, written apart from the examples). For each detector and confidence threshold it prints the share of
 * lines read right, read wrong, and left undecided (no guess, or a guess below the threshold); the last stdout
 * line is the JSON of all rows.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { createBotLanguageDetector } from '../../core/create-bot-languages.ts';
import { createTinyldDetector, type LanguageDetector } from '../../engine/nlu/language-detector.ts';
import { loadAcme } from '../support/load-acme.ts';

const read = (file: string, lang: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ text: (JSON.parse(line) as { text: string }).text, lang }));

const lines = [...read('test/fixtures/acme-validation.jsonl', 'en'), ...read('test/fixtures/acme-validation-es.jsonl', 'es')];
const { bot } = await loadAcme({ knowledge: false });
const examples = await createBotLanguageDetector(bot.languages, { ...bot.locales, detection: 'examples' }, { log: pino({ level: 'silent' }) });
const detectors: Array<[string, LanguageDetector | undefined]> = [
  ['examples', examples],
  ['tinyld', createTinyldDetector([...bot.languages.keys()])],
];
const rows = [];
for (const [name, detector] of detectors) {
  if (!detector) continue;
  for (const threshold of [0, 0.6, 0.85]) {
    let right = 0;
    let wrong = 0;
    for (const line of lines) {
      const guess = detector.detect(line.text);
      if (!guess || guess.confidence < threshold) continue;
      if (guess.locale === line.lang) right += 1;
      else wrong += 1;
    }
    const n = lines.length;
    rows.push({ detector: name, threshold, n, right: right / n, wrong: wrong / n, undecided: (n - right - wrong) / n });
  }
}
await bot.close();
for (const r of rows) process.stderr.write(`${r.detector.padEnd(9)} ≥${r.threshold.toFixed(2)}  right ${r.right.toFixed(3)}  wrong ${r.wrong.toFixed(3)}  undecided ${r.undecided.toFixed(3)}  (n=${r.n})\n`);
process.stdout.write(`${JSON.stringify({ rows })}\n`);
