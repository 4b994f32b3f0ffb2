import { createByteLevelVocabulary } from '../constrained/index.ts';
import type { Vocabulary } from '../vocabulary.ts';

/** The parts of a Hugging Face `tokenizer.json` that decide what bytes each token writes. */
export interface TokenizerJson {
  model: { type?: string; vocab: Record<string, number> | Array<[string, number]>; byte_fallback?: boolean };
  added_tokens?: ReadonlyArray<{ id: number; content: string; special?: boolean }>;
  decoder?: TokenizerJsonDecoder | null;
}

interface TokenizerJsonDecoder {
  type: string;
  decoders?: readonly TokenizerJsonDecoder[];
}

/** Options of {@link createTokenizerVocabulary}. */
export interface TokenizerVocabularyOptions {
  /**
   * Number of ids the model scores (the logits length, `vocab_size` in config.json), which may exceed the
   * tokenizer's own count; the ids past the tokenizer's end count as special. Default: the tokenizer's count.
   */
  size?: number;
}

function decoderTypes(decoder: TokenizerJsonDecoder | null | undefined): string[] {
  if (!decoder) return [];
  return [decoder.type, ...(decoder.decoders ?? []).flatMap((d) => decoderTypes(d))];
}

/** Token text of a SentencePiece-style vocabulary (`▁` for a space, `<0x0A>` byte-fallback pieces) as bytes. */
function sentencePieceVocabulary(json: TokenizerJson, specials: ReadonlySet<string>): Vocabulary {
  const encoder = new TextEncoder();
  const entries = Array.isArray(json.model.vocab)
    ? json.model.vocab.map(([t], i) => [t, i] as const)
    : Object.entries(json.model.vocab);
  const all = [...entries, ...(json.added_tokens ?? []).map((t) => [t.content, t.id] as const)];
  const size = all.reduce((max, [, id]) => Math.max(max, id + 1), 0);
  const bytes: Uint8Array[] = Array.from({ length: size }, () => new Uint8Array(0));
  const special = new Uint8Array(size).fill(1);
  for (const [text, id] of all) {
    if (specials.has(text)) continue;
    const byte = /^<0x([0-9A-Fa-f]{2})>$/.exec(text);
    bytes[id] =
      byte && json.model.byte_fallback
        ? Uint8Array.of(Number.parseInt(byte[1] as string, 16))
        : encoder.encode(text.replaceAll('\u2581', ' '));
    special[id] = 0;
  }
  return { size, bytes: (id) => bytes[id] ?? new Uint8Array(0), isSpecial: (id) => special[id] !== 0 };
}

/**
 * The {@link Vocabulary} of a Hugging Face tokenizer (the parsed `tokenizer.json`): byte-level BPE
 * (GPT-2, Llama 3, Qwen, SmolLM) and SentencePiece-style BPE with byte fallback (Llama 2, Mistral).
 * Added tokens marked special write no bytes; added tokens that are plain text (Qwen's `<tool_call>`)
 * write their text.
 * @example createTokenizerVocabulary(JSON.parse(readFileSync('model/tokenizer.json', 'utf8')), { size: config.vocab_size })
 */
export function createTokenizerVocabulary(
  json: TokenizerJson,
  options: TokenizerVocabularyOptions = {},
): Vocabulary {
  const added = json.added_tokens ?? [];
  const specials = new Set(added.filter((t) => t.special !== false).map((t) => t.content));
  const types = decoderTypes(json.decoder);
  const base = types.includes('ByteLevel')
    ? createByteLevelVocabulary({
        tokens: Array.isArray(json.model.vocab)
          ? Object.fromEntries(json.model.vocab.map(([t], i) => [t, i]))
          : json.model.vocab,
        specialTokens: [...specials],
        addedTokens: Object.fromEntries(
          added.filter((t) => t.special === false).map((t) => [t.content, t.id]),
        ),
      })
    : sentencePieceVocabulary(json, specials);
  const size = Math.max(base.size, options.size ?? 0);
  return {
    size,
    bytes: (id) => (id < base.size ? base.bytes(id) : new Uint8Array(0)),
    isSpecial: (id) => id >= base.size || base.isSpecial(id),
  };
}
