import { readFileSync } from 'node:fs';
import type { SkillRegistry } from '../../core/skill-registry.ts';

/** A spoken test phrase with the intent it means. */
export interface BenchPhrase {
  text: string;
  intent: string;
  /**
   * `example`: one of the bot's training phrasings; `paraphrase`: written apart from them (test/fixtures/acme-eval.jsonl),
   * the held-out set the benchmark reports on; `tuning`: more paraphrases written apart (stt-tuning-phrases.jsonl),
   * to choose decoding settings on without looking at the held-out set; `file`: read from a file given with --phrases.
   */
  kind: 'example' | 'paraphrase' | 'tuning' | 'file';
}

/** Typos and chat spellings cannot be spoken: only phrases of plain words and digits. */
const speakable = (text: string, known: (word: string) => boolean) =>
  text
    .toLowerCase()
    .replace(/\d+/g, ' ')
    .replace(/[^\p{L}']+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .every(known);

/**
 * The benchmark's phrases: `perIntent` training examples of each of the bot's intents (spread over the list) and
 * as many paraphrases of each from the evaluation file, all made of words the recognizer's dictionary knows.
 */
export function sttBenchPhrases(registry: SkillRegistry, known: (word: string) => boolean, perIntent = 2): BenchPhrase[] {
  const phrases: BenchPhrase[] = [];
  for (const [intent, definition] of registry.intents) {
    const usable = definition.examples.filter((e) => e.split(/\s+/).length >= 2 && speakable(e, known));
    const step = Math.max(1, Math.floor(usable.length / perIntent));
    for (let i = 0; i < perIntent && i * step < usable.length; i++) phrases.push({ text: usable[i * step]!, intent, kind: 'example' });
  }
  const rows = readFileSync('test/fixtures/acme-eval.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { text: string; intent: string });
  const taken = new Map<string, number>();
  for (const row of rows) {
    if (!registry.intents.has(row.intent) || !speakable(row.text, known)) continue;
    if ((taken.get(row.intent) ?? 0) >= perIntent) continue;
    taken.set(row.intent, (taken.get(row.intent) ?? 0) + 1);
    phrases.push({ text: row.text, intent: row.intent, kind: 'paraphrase' });
  }
  return phrases;
}

/** The tuning paraphrases (test/bench/stt-tuning-phrases.jsonl) of the bot's intents. Never part of a language model's text. */
export function sttTuningPhrases(registry: SkillRegistry): BenchPhrase[] {
  return readFileSync('test/bench/stt-tuning-phrases.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { text: string; intent: string })
    .filter((row) => registry.intents.has(row.intent))
    .map((row) => ({ ...row, kind: 'tuning' as const }));
}

/**
 * Phrases from a JSON-lines file of `{ "text", "intent" }` (--phrases): another person's paraphrases, say. A line
 * that is not such an object, or names an intent the bot does not have, is refused with its line number.
 */
export function sttFilePhrases(file: string, registry: SkillRegistry): BenchPhrase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${number}: not JSON`);
      }
      const { text, intent } = (row ?? {}) as { text?: unknown; intent?: unknown };
      if (typeof text !== 'string' || typeof intent !== 'string') throw new Error(`${file}:${number}: needs "text" and "intent" strings`);
      if (!registry.intents.has(intent)) throw new Error(`${file}:${number}: the bot has no intent "${intent}"`);
      return { text, intent, kind: 'file' as const };
    });
}
