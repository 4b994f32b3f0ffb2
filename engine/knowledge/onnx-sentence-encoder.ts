import { join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { loadWordPieceTokenizer, type WordPieceTokenizer } from './word-piece-tokenizer.ts';

/** The parts of onnxruntime the encoder uses (injectable; default `onnxruntime-node`). */
export interface OnnxRuntime {
  InferenceSession: { create(path: string): Promise<InferenceSession> };
  Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => Tensor;
}

/** Options of {@link createOnnxSentenceEncoder}. */
export interface OnnxSentenceEncoderOptions {
  /**
   * A sentence-encoder directory as Hugging Face exports it: `tokenizer.json` (WordPiece) and `onnx/model.onnx`
   * (inputs `input_ids`, `attention_mask` and optionally `token_type_ids`; output `last_hidden_state`, or
   * `sentence_embedding` already pooled). E.g. all-MiniLM-L6-v2 or bge-small-en-v1.5. Nothing is downloaded.
   */
  dir: string;
  /** Texts embedded per run of the model. Default 32. */
  batchSize?: number;
  /** Most tokens per text. Default 256. */
  maxTokens?: number;
  /** Names the encoder in `provider` ("onnx:<name>") and in saved indexes. Default the directory's name. */
  name?: string;
  /** The onnxruntime module. Default `onnxruntime-node` (CPU). */
  ort?: OnnxRuntime;
}

/** Mean of the token vectors of each row over its real (unpadded) tokens. */
function meanPool(data: Float32Array, dims: readonly number[], masks: readonly number[][]): Float32Array[] {
  const [rows = 0, length = 0, width = 0] = dims;
  return Array.from({ length: rows }, (_, r) => {
    const out = new Float32Array(width);
    let count = 0;
    for (let t = 0; t < length; t++) {
      if (masks[r]![t] !== 1) continue;
      count += 1;
      const at = (r * length + t) * width;
      for (let k = 0; k < width; k++) out[k]! += data[at + k]!;
    }
    for (let k = 0; k < width; k++) out[k]! /= Math.max(count, 1);
    return out;
  });
}

/** The padded int64 inputs of one batch. */
function batchInputs(tokenizer: WordPieceTokenizer, texts: readonly string[], ort: OnnxRuntime, names: readonly string[]) {
  const encoded = texts.map((text) => tokenizer.encode(text).ids);
  const length = Math.max(1, ...encoded.map((ids) => ids.length));
  const masks = encoded.map((ids) => Array.from({ length }, (_, t) => (t < ids.length ? 1 : 0)));
  const tensor = (fill: (row: number, t: number) => number) => {
    const data = new BigInt64Array(texts.length * length);
    for (let r = 0; r < texts.length; r++) for (let t = 0; t < length; t++) data[r * length + t] = BigInt(fill(r, t));
    return new ort.Tensor('int64', data, [texts.length, length]);
  };
  const feeds: Record<string, Tensor> = {
    input_ids: tensor((r, t) => encoded[r]![t] ?? tokenizer.padId),
    attention_mask: tensor((r, t) => masks[r]![t]!),
  };
  if (names.includes('token_type_ids')) feeds.token_type_ids = tensor(() => 0);
  return { feeds, masks };
}

/**
 * A sentence encoder a user brings as an ONNX export (the embedded default is SIF over GloVe): runs the model
 * in process with onnxruntime and mean-pools its token vectors. Give it to a knowledge base as `encoder` to use
 * it for hybrid search. Throws a ConfigError naming the file when the directory lacks the model or tokenizer.
 *
 * @example
 * const encoder = await createOnnxSentenceEncoder({ dir: 'models/all-MiniLM-L6-v2' });
 * const kb = await createFolderKnowledgeBase({ dir: 'knowledge', encoder });
 */
export async function createOnnxSentenceEncoder(options: OnnxSentenceEncoderOptions): Promise<SentenceEncoder> {
  const tokenizer = loadWordPieceTokenizer({ path: join(options.dir, 'tokenizer.json'), maxTokens: options.maxTokens ?? 256 });
  const ort = options.ort ?? ((await import('onnxruntime-node')) as unknown as OnnxRuntime);
  const modelPath = join(options.dir, 'onnx', 'model.onnx');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath);
  } catch (error) {
    throw new ConfigError('encoder model', 'an ONNX sentence encoder at <dir>/onnx/model.onnx', `${modelPath} (${(error as Error).message})`);
  }
  const batchSize = options.batchSize ?? 32;
  const name = options.name ?? options.dir.split(/[\\/]/).filter(Boolean).at(-1) ?? 'encoder';
  return {
    provider: `onnx:${name}`,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        const { feeds, masks } = batchInputs(tokenizer, batch, ort, session.inputNames);
        const outputs = await session.run(feeds);
        const pooled = outputs.sentence_embedding;
        if (pooled) {
          const width = pooled.dims[1] ?? 0;
          const data = pooled.data as Float32Array;
          for (let r = 0; r < batch.length; r++) vectors.push(data.slice(r * width, (r + 1) * width));
          continue;
        }
        const hidden = outputs.last_hidden_state ?? outputs[session.outputNames[0]!]!;
        vectors.push(...meanPool(hidden.data as Float32Array, hidden.dims, masks));
      }
      return vectors;
    },
  };
}
