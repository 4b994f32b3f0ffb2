import type { Vocabulary } from '../vocabulary.ts';

/** Where a byte-level BPE vocabulary comes from. */
export interface ByteLevelVocabularyOptions {
  /**
   * Token text → id, with bytes written in GPT-2's byte-to-unicode alphabet (`Ġ` for a space), as in
   * GPT-2's `encoder.json` or the `model.vocab` of a `tokenizer.json` whose pre-tokenizer is ByteLevel
   * (GPT-2, Llama 3, Qwen2, SmolLM2).
   */
  tokens: Readonly<Record<string, number>>;
  /**
   * Tokens that are control tokens (end of text, chat markers), never allowed inside a constrained span.
   * Added tokens that are plain text (`"special": false` in tokenizer.json, like Qwen's `</tool_call>`)
   * are better given in `addedTokens`.
   */
  specialTokens: readonly string[];
  /** Tokens whose text is literal (not byte-mapped), e.g. added non-special tokens. Default none. */
  addedTokens?: Readonly<Record<string, number>>;
}

/** GPT-2's `bytes_to_unicode`, inverted: by UTF-16 code unit, the byte it stands for, or -1. */
function unicodeToByte(): Int16Array {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const map = new Int16Array(512).fill(-1);
  for (const b of printable) map[b] = b;
  let extra = 0;
  for (let b = 0; b < 256; b++) if (!printable.includes(b)) map[256 + extra++] = b;
  return map;
}

/**
 * A {@link Vocabulary} of a byte-level BPE tokenizer: each token's text is mapped back to the bytes it
 * writes. Ids with no token, and tokens whose text is not in the byte alphabet, count as special.
 * @example createByteLevelVocabulary({ tokens: encoderJson, specialTokens: ['<|endoftext|>'] })
 */
export function createByteLevelVocabulary(options: ByteLevelVocabularyOptions): Vocabulary {
  const alphabet = unicodeToByte();
  const special = new Set(options.specialTokens);
  const added = options.addedTokens ?? {};
  let size = 0;
  let capacity = 0;
  for (const table of [options.tokens, added]) {
    for (const text in table) {
      size = Math.max(size, table[text]! + 1);
      capacity += text.length * 4;
    }
  }
  const data = new Uint8Array(capacity);
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const isSpecial = new Uint8Array(size).fill(1);
  const encoder = new TextEncoder();
  let used = 0;
  for (const text in options.tokens) {
    const id = options.tokens[text]!;
    if (special.has(text) || text in added) continue;
    let end = used;
    for (let i = 0; i < text.length && end >= 0; i++) {
      const byte = alphabet[text.charCodeAt(i)] ?? -1;
      if (byte < 0) end = -1;
      else data[end++] = byte;
    }
    if (end < 0) continue;
    starts[id] = used;
    ends[id] = end;
    isSpecial[id] = 0;
    used = end;
  }
  for (const text in added) {
    const id = added[text]!;
    if (special.has(text)) continue;
    const { written } = encoder.encodeInto(text, data.subarray(used));
    starts[id] = used;
    ends[id] = used + written;
    isSpecial[id] = 0;
    used += written;
  }
  return {
    size,
    bytes: (id) => data.subarray(starts[id] ?? 0, ends[id] ?? 0),
    isSpecial: (id) => isSpecial[id] !== 0,
  };
}
