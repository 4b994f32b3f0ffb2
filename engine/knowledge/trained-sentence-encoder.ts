import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { builtinWordVectors } from '../nlu/load-word-vectors.ts';
import { tokenizeUtterance } from '../nlu/tokenize-utterance.ts';
import type { WordVectors } from '../nlu/word-vectors.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { defaultSifSentenceEncoderOptions, sifWordWeight } from './sif-sentence-encoder.ts';

/** The sentence encoder trained by `engine/knowledge/training/train-sentence-encoder.py` (see its model card). */
export const trainedSentenceEncoderPath = join(dirname(fileURLToPath(import.meta.url)), '../../models/sentence-encoder/model.onnx');

/** The parts of onnxruntime the trained encoder uses (injectable; default `onnxruntime-node`). */
export interface FloatOnnxRuntime {
  InferenceSession: { create(path: string): Promise<InferenceSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => Tensor;
}

/** Options of {@link createTrainedSentenceEncoder}. */
export interface TrainedSentenceEncoderOptions {
  /** The ONNX model. Default {@link trainedSentenceEncoderPath}. */
  path?: string;
  /** The word vectors the model was trained on. Default the shipped GloVe 100-d. */
  wordVectors?: WordVectors;
  /** Texts embedded per run of the model. Default 32. */
  batchSize?: number;
  /** Most words read per text. Default 256. */
  maxTokens?: number;
  /** The onnxruntime module. Default `onnxruntime-node` (CPU). */
  ort?: FloatOnnxRuntime;
}

/** Whether the shipped trained encoder is present (it is optional: SIF stands in when it is not). */
export function hasTrainedSentenceEncoder(path: string = trainedSentenceEncoderPath): boolean {
  return existsSync(path);
}

/**
 * parley's own small sentence encoder: a network trained on CPU (paraphrase clusters of CLINC150 and Banking77
 * plus pairs from the example bot's documents) that reads the shipped GloVe vectors and their SIF weights, so
 * word pairs such as "run out" or "doesn't work" count together. The graph holds only the learned weights; the
 * word vectors are fed from the shipped file. Texts without any known word embed as zeros, as with SIF.
 * Throws a ConfigError naming the file when the model cannot be read.
 *
 * @example
 * const encoder = await createTrainedSentenceEncoder();
 * const kb = await createFolderKnowledgeBase({ dir: 'knowledge', encoder });
 */
export async function createTrainedSentenceEncoder(options: TrainedSentenceEncoderOptions = {}): Promise<SentenceEncoder> {
  const path = options.path ?? trainedSentenceEncoderPath;
  const ort = options.ort ?? ((await import('onnxruntime-node')) as unknown as FloatOnnxRuntime);
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(path);
  } catch (error) {
    throw new ConfigError('encoder model', 'the trained sentence encoder (models/sentence-encoder/model.onnx)', `${path} (${(error as Error).message})`);
  }
  const vectors = options.wordVectors ?? builtinWordVectors();
  const width = vectors.dimensions;
  const weightOf = sifWordWeight(vectors, defaultSifSentenceEncoderOptions.smoothing);
  const batchSize = options.batchSize ?? 32;
  const maxTokens = options.maxTokens ?? 256;
  const rowsOf = (text: string) =>
    tokenizeUtterance(text)
      .map((word) => vectors.rowOf(word))
      .filter((row) => row >= 0)
      .slice(0, maxTokens);

  const runBatch = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const rows = texts.map(rowsOf);
    const length = Math.max(1, ...rows.map((r) => r.length));
    const input = new Float32Array(texts.length * length * width);
    const weights = new Float32Array(texts.length * length);
    const scratch = new Float64Array(width);
    rows.forEach((textRows, b) => {
      textRows.forEach((row, t) => {
        scratch.fill(0);
        vectors.addRow(row, 1, scratch);
        input.set(scratch, (b * length + t) * width);
        weights[b * length + t] = weightOf(row);
      });
    });
    const outputs = await session.run({
      vectors: new ort.Tensor('float32', input, [texts.length, length, width]),
      weights: new ort.Tensor('float32', weights, [texts.length, length]),
    });
    const pooled = outputs.sentence_embedding ?? outputs[session.outputNames[0]!]!;
    const size = pooled.dims[1] ?? 0;
    const data = pooled.data as Float32Array;
    return rows.map((textRows, b) => (textRows.length === 0 ? new Float32Array(size) : data.slice(b * size, (b + 1) * size)));
  };

  return {
    provider: `trained:${path.split(/[\\/]/).filter(Boolean).at(-2) ?? 'sentence-encoder'}`,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) out.push(...(await runBatch(texts.slice(start, start + batchSize))));
      return out;
    },
  };
}
