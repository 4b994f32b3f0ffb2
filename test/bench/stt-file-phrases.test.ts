import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SkillRegistry } from '../../core/skill-registry.ts';
import { sttFilePhrases } from './stt-bench-phrases.ts';

const registry = { intents: new Map([['greet', {}], ['order_status', {}]]) } as unknown as SkillRegistry;

async function file(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'stt-phrases-')), 'phrases.jsonl');
  await writeFile(path, text);
  return path;
}

describe('bench:stt --phrases', () => {
  it('reads {text, intent} lines, skipping blank ones', async () => {
    const path = await file('{"text": "hey there", "intent": "greet"}\n\n{"text": "where is my parcel", "intent": "order_status"}\n');
    expect(sttFilePhrases(path, registry)).toEqual([
      { text: 'hey there', intent: 'greet', kind: 'file' },
      { text: 'where is my parcel', intent: 'order_status', kind: 'file' },
    ]);
  });

  it('names the line of a bad one', async () => {
    const unknownIntent = await file('{"text": "hi", "intent": "greet"}\n{"text": "hi", "intent": "weather"}');
    const noIntent = await file('{"text": "hi"}');
    const notJson = await file('not json');
    expect(() => sttFilePhrases(unknownIntent, registry)).toThrow(/:2: the bot has no intent "weather"/);
    expect(() => sttFilePhrases(noIntent, registry)).toThrow(/:1: needs "text" and "intent"/);
    expect(() => sttFilePhrases(notJson, registry)).toThrow(/:1: not JSON/);
  });

  it('ships the held-out spoken paraphrases written apart from the bot, all of known intents', async () => {
    const { loadAcme } = await import('../support/load-acme.ts');
    const acme = await loadAcme({ knowledge: false });
    try {
      const phrases = sttFilePhrases('test/bench/stt-heldout-phrases.jsonl', acme.bot.registry);
      expect(phrases.length).toBeGreaterThanOrEqual(40);
      const examples = new Set([...acme.bot.registry.intents.values()].flatMap((d) => d.examples.map((e) => e.toLowerCase())));
      expect(phrases.filter((p) => examples.has(p.text.toLowerCase()))).toEqual([]);
    } finally {
      await acme.bot.close();
    }
  }, 60_000);
});
