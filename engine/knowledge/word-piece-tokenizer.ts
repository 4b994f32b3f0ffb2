import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/** What a BERT-style sentence encoder is fed for one text. */
export interface EncodedText {
  /** Token ids with [CLS] first and [SEP] last. */
  ids: number[];
}

/** Turns text into the token ids of a WordPiece vocabulary (BERT, MiniLM, bge, e5 exports). */
export interface WordPieceTokenizer {
  encode(text: string): EncodedText;
  /** Id of the padding token (0 when the vocabulary has no [PAD]). */
  readonly padId: number;
}

/** Options of {@link loadWordPieceTokenizer}. */
export interface WordPieceTokenizerOptions {
  /** Path of a Hugging Face `tokenizer.json` whose model is WordPiece. */
  path: string;
  /** Most tokens of one text, [CLS] and [SEP] included; longer texts are cut. Default 256. */
  maxTokens?: number;
}

interface TokenizerJson {
  normalizer?: { type?: string; lowercase?: boolean } | null;
  model?: { type?: string; vocab?: Record<string, number>; unk_token?: string; continuing_subword_prefix?: string; max_input_chars_per_word?: number };
}

/** Splits like BERT's pre-tokenizer: on white space, and every punctuation mark is a word of its own. */
function preTokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? [];
}

/**
 * Reads the WordPiece tokenizer of a sentence-encoder export (its `tokenizer.json`): BERT normalisation (lower
 * case when the file says so, accents kept), punctuation split off, each word cut greedily into the longest
 * vocabulary pieces ("##" continuations), [UNK] for a word that cannot be cut. Throws a ConfigError naming the
 * file when it cannot be read or is not a WordPiece tokenizer.
 */
export function loadWordPieceTokenizer(options: WordPieceTokenizerOptions): WordPieceTokenizer {
  let json: TokenizerJson;
  try {
    json = JSON.parse(readFileSync(options.path, 'utf8')) as TokenizerJson;
  } catch (error) {
    throw new ConfigError('encoder tokenizer', 'a readable tokenizer.json', `${options.path} (${(error as Error).message})`);
  }
  const model = json.model;
  if (model?.type !== 'WordPiece' || typeof model.vocab !== 'object' || model.vocab === null) {
    throw new ConfigError('encoder tokenizer', 'a WordPiece tokenizer.json (BERT-style sentence encoders)', options.path);
  }
  const vocab = new Map(Object.entries(model.vocab));
  const id = (token: string) => vocab.get(token);
  const unk = id(model.unk_token ?? '[UNK]') ?? 0;
  const cls = id('[CLS]');
  const sep = id('[SEP]');
  const prefix = model.continuing_subword_prefix ?? '##';
  const maxChars = model.max_input_chars_per_word ?? 100;
  const lowercase = json.normalizer?.lowercase ?? true;
  const maxTokens = options.maxTokens ?? 256;

  const pieces = (word: string): number[] => {
    if (word.length > maxChars) return [unk];
    const out: number[] = [];
    for (let start = 0; start < word.length; ) {
      let end = word.length;
      let found: number | undefined;
      for (; end > start; end--) {
        found = id(`${start > 0 ? prefix : ''}${word.slice(start, end)}`);
        if (found !== undefined) break;
      }
      if (found === undefined) return [unk];
      out.push(found);
      start = end;
    }
    return out;
  };

  return {
    padId: id('[PAD]') ?? 0,
    encode(text) {
      const normalized = lowercase ? text.normalize('NFKC').toLowerCase() : text.normalize('NFKC');
      const body = preTokenize(normalized).flatMap(pieces).slice(0, maxTokens - 2);
      return { ids: [...(cls === undefined ? [] : [cls]), ...body, ...(sep === undefined ? [] : [sep])] };
    },
  };
}
