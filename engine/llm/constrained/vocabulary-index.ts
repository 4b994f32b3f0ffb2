import type { Vocabulary } from '../vocabulary.ts';
import { compareBytes } from './compare-bytes.ts';
import { utf8Lead } from './frames/utf8-lead.ts';
import { MaskCache } from './mask-cache.ts';
import { buildTokenTrie, type TokenTrie } from './token-trie.ts';

/**
 * What the mask computation precomputes once per vocabulary: byte tries of the allowed tokens, each
 * token's bytes, the tokens that can sit whole inside a JSON string, and the mask cache.
 */
export interface VocabularyIndex {
  readonly size: number;
  /** Longest token, in bytes: the horizon within which one token can change a matcher state. */
  readonly horizon: number;
  /** Bytes of every token, back to back; token t's are `tokenData[tokenOffset[t] .. tokenOffset[t + 1] - 1]` (none for special tokens). */
  readonly tokenData: Uint8Array;
  readonly tokenOffset: Int32Array;
  /** 1 for tokens never allowed inside a span: special ones and empty ones. */
  readonly excluded: Uint8Array;
  /** Trie of every allowed token. */
  readonly trie: TokenTrie;
  /**
   * For a token that can sit inside a JSON string right after a whole character (no quote, backslash or
   * control byte; valid UTF-8, possibly ending mid-character): the UTF-16 units of the characters it
   * starts. -1 otherwise.
   */
  readonly stringUnits: Int32Array;
  /** 1 for the string-safe tokens (`stringUnits` above 0). */
  readonly stringSafe: Uint8Array;
  /** Trie of the allowed tokens that are not string-safe; walked on the string path. */
  readonly stringTrie: TokenTrie;
  /** Masks by grammar and state key. */
  readonly masks: MaskCache;
  /** Masks of pattern-string walks, by pattern and automaton state (shared by all grammars). */
  readonly patternMasks: MaskCache;
}

/** Memory the mask cache of one vocabulary may use, in bytes. */
export const maskCacheBytes = 32 * 1024 * 1024;

/** The bytes token `id` writes (a view into the index). */
export function tokenBytesOf(index: VocabularyIndex, id: number): Uint8Array {
  return index.tokenData.subarray(index.tokenOffset[id]!, index.tokenOffset[id + 1]!);
}

const indexes = new WeakMap<Vocabulary, VocabularyIndex>();

/** The index of `vocabulary`, built on first use (a few hundred ms for 50k tokens) and kept with it. */
export function vocabularyIndexOf(vocabulary: Vocabulary): VocabularyIndex {
  let index = indexes.get(vocabulary);
  if (!index) {
    index = buildVocabularyIndex(vocabulary);
    indexes.set(vocabulary, index);
  }
  return index;
}

function buildVocabularyIndex(vocabulary: Vocabulary): VocabularyIndex {
  const size = vocabulary.size;
  const tokenBytes: Uint8Array[] = [];
  const tokenOffset = new Int32Array(size + 1);
  const excluded = new Uint8Array(size);
  const stringUnits = new Int32Array(size).fill(-1);
  const other: number[] = [];
  const allowed: number[] = [];
  let horizon = 1;
  for (let id = 0; id < size; id++) {
    const bytes = vocabulary.isSpecial(id) ? new Uint8Array(0) : vocabulary.bytes(id);
    tokenBytes.push(bytes);
    tokenOffset[id + 1] = tokenOffset[id]! + bytes.length;
    if (bytes.length === 0) {
      excluded[id] = 1;
      continue;
    }
    allowed.push(id);
    horizon = Math.max(horizon, bytes.length);
    const units = unitsInsideString(bytes);
    stringUnits[id] = units;
    if (units < 0) other.push(id);
  }
  const byBytes = (a: number, b: number) => compareBytes(tokenBytes[a]!, tokenBytes[b]!) || a - b;
  const trie = buildTokenTrie(Int32Array.from(allowed.sort(byBytes)), tokenBytes);
  const stringTrie = buildTokenTrie(Int32Array.from(other.sort(byBytes)), tokenBytes);
  const tokenData = new Uint8Array(tokenOffset[size]!);
  for (let id = 0; id < size; id++) tokenData.set(tokenBytes[id]!, tokenOffset[id]!);
  return {
    size,
    horizon,
    tokenData,
    tokenOffset,
    excluded,
    trie,
    stringUnits,
    stringSafe: Uint8Array.from(stringUnits, (units) => (units > 0 ? 1 : 0)),
    stringTrie,
    masks: new MaskCache(size, maskCacheBytes),
    patternMasks: new MaskCache(size, maskCacheBytes / 4),
  };
}

/** UTF-16 units of the characters a token starts when it can sit whole inside a JSON string, else -1. */
function unitsInsideString(bytes: Uint8Array): number {
  let units = 0;
  let need = 0;
  let low = 0x80;
  let high = 0xbf;
  for (const byte of bytes) {
    if (need > 0) {
      if (byte < low || byte > high) return -1;
      need--;
      low = 0x80;
      high = 0xbf;
      continue;
    }
    if (byte === 0x22 || byte === 0x5c || byte < 0x20) return -1;
    if (byte < 0x80) {
      units++;
      continue;
    }
    const lead = utf8Lead(byte);
    if (lead === null) return -1;
    ({ need, low, high } = lead);
    units += need === 3 ? 2 : 1;
  }
  return units;
}
