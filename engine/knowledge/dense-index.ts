import { createHash } from 'node:crypto';
import { decodeFloat32Base64, encodeFloat32Base64 } from '../nlu/float32-base64.ts';
import { firstPrincipalDirection, removeComponent } from './common-component.ts';
import type { KnowledgeChunk } from './knowledge-chunk.ts';
import { cosineSimilarity } from './rerank-with-encoder.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { SentenceEncoderError } from './sentence-encoder-error.ts';

/** What {@link DenseIndex.toJSON} writes: passage vectors by the SHA-256 of the embedded text. */
export interface SerializedDenseIndex {
  /** The encoder's `provider`: vectors of another encoder are not reused. */
  encoder: string;
  /** Base64 of little-endian float32, by SHA-256 of the passage text. */
  vectors: Record<string, string>;
}

/** One passage's closeness to a question. */
export interface DenseMatch {
  chunkId: string;
  /** Cosine similarity of the question and the passage, after common-component removal, in [-1, 1]. */
  similarity: number;
}

/** Passage vectors of a knowledge index, kept in step with its chunks. */
export interface DenseIndex {
  /** Embeds the passages not embedded yet (new or changed text) and forgets the others; returns how many were embedded. */
  sync(chunks: readonly KnowledgeChunk[]): Promise<number>;
  /** Every synced passage by similarity to the question, best first. */
  search(query: string): Promise<DenseMatch[]>;
  toJSON(): SerializedDenseIndex;
}

/** Options of {@link createDenseIndex}. */
export interface DenseIndexOptions {
  encoder: SentenceEncoder;
  /** Remove the passages' first principal direction from every vector (SIF's common component). Default true. */
  removeCommonComponent?: boolean;
  /** Vectors saved by an earlier run (ignored when they come from another encoder). */
  serialized?: SerializedDenseIndex;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The text a passage is embedded as: its headings, then its text. */
export function densePassageText(chunk: Pick<KnowledgeChunk, 'headingPath' | 'text'>): string {
  return [...chunk.headingPath, chunk.text].join('\n');
}

/**
 * A dense (vector) index over knowledge passages. Vectors are content-addressed (SHA-256 of the passage text), so
 * a refresh embeds only new or changed passages and a restart none, when the saved vectors come along.
 *
 * @example
 * const dense = createDenseIndex({ encoder: createSifSentenceEncoder() });
 * await dense.sync(index.chunks());
 * const [best] = await dense.search('do you sell gift cards?');
 */
export function createDenseIndex(options: DenseIndexOptions): DenseIndex {
  const { encoder } = options;
  const removeCommon = options.removeCommonComponent ?? true;
  const stored = new Map<string, Float32Array>();
  if (options.serialized?.encoder === encoder.provider) {
    for (const [hash, text] of Object.entries(options.serialized.vectors)) {
      const vector = decodeFloat32Base64(text);
      if (vector) stored.set(hash, vector);
    }
  }
  let current: Array<{ chunkId: string; vector: Float32Array }> = [];
  let common: Float64Array | undefined;

  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const vectors = await encoder.embed(texts);
    if (vectors.length !== texts.length) throw new SentenceEncoderError(encoder.provider, texts.length, vectors.length);
    return vectors;
  };

  return {
    async sync(chunks) {
      const hashes = chunks.map((chunk) => sha256(densePassageText(chunk)));
      const missing = [...new Set(hashes.filter((hash) => !stored.has(hash)))];
      const texts = missing.map((hash) => densePassageText(chunks[hashes.indexOf(hash)]!));
      const fresh = await embed(texts);
      for (const [i, hash] of missing.entries()) stored.set(hash, fresh[i]!);
      const kept = new Set(hashes);
      for (const hash of stored.keys()) if (!kept.has(hash)) stored.delete(hash);
      const raw = chunks.map((chunk, i) => ({ chunkId: chunk.id, vector: stored.get(hashes[i]!)! }));
      common = removeCommon ? firstPrincipalDirection(raw.map((r) => r.vector)) : undefined;
      current = raw.map((r) => ({ chunkId: r.chunkId, vector: removeComponent(r.vector, common) }));
      return missing.length;
    },
    async search(query) {
      if (current.length === 0) return [];
      const [raw] = await embed([query]);
      const q = removeComponent(raw!, common);
      return current
        .map(({ chunkId, vector }) => ({ chunkId, similarity: cosineSimilarity(q, vector) }))
        .sort((a, b) => b.similarity - a.similarity || a.chunkId.localeCompare(b.chunkId));
    },
    toJSON: () => ({
      encoder: encoder.provider,
      vectors: Object.fromEntries([...stored].map(([hash, vector]) => [hash, encodeFloat32Base64(vector)])),
    }),
  };
}
