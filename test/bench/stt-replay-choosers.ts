/**
 * Compares the ways of choosing among a recognition's readings (stt-choosers.ts) on recognitions already made: the
 * JSON lines `npm run bench:stt -- --approaches hybrid-choosers --dump FILE` writes, so settings are swept without
 * decoding again (the decodings, and so the comparison, are the same for every chooser).
 *
 *   node --import tsx test/bench/stt-replay-choosers.ts FILE [--sweep] [--json]
 *
 * Prints each chooser's intent accuracy per set of phrases, best on the tuning set first; with --json, one JSON
 * object follows as the last line (accuracies in [0, 1]).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Transcript } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { loadAcme } from '../support/load-acme.ts';
import { benchChoosers } from './stt-choosers.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sweep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: node --import tsx test/bench/stt-replay-choosers.ts FILE [--sweep] [--json]\n');
  process.exit(2);
}
interface Recognition {
  kind: string;
  intent: string;
  transcript: Transcript;
}
const recognitions = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Recognition);
const acme = await loadAcme({ knowledge: false });
const classify = (text: string) => acme.bot.classifier.classify(text);
const kinds = [...new Set(recognitions.map((r) => r.kind))];
const rows: Array<{ chooser: string } & Record<string, number | string>> = [];
for (const [name, choose] of Object.entries(benchChoosers(acme.bot.classifier, values.sweep))) {
  const right = new Map<string, number>();
  for (const r of recognitions) if (classify(spokenDigitsToText(await choose(r.transcript, classify))).intent === r.intent) right.set(r.kind, (right.get(r.kind) ?? 0) + 1);
  rows.push({ chooser: name, ...Object.fromEntries(kinds.map((kind) => [kind, (right.get(kind) ?? 0) / recognitions.filter((r) => r.kind === kind).length])) });
}
const sortKind = kinds.includes('tuning') ? 'tuning' : kinds[0]!;
rows.sort((a, b) => Number(b[sortKind]) - Number(a[sortKind]));
console.log(`| chooser | ${kinds.join(' | ')} |`);
console.log(`|---|${kinds.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.chooser} | ${kinds.map((k) => `${(Number(row[k]) * 100).toFixed(1)} %`).join(' | ')} |`);
if (values.json) console.log(JSON.stringify({ recognitions: recognitions.length, choosers: rows }));
await acme.bot.close();
