import { describe, expect, it } from 'vitest';
import { createFolderKnowledgeBase } from '../../../engine/knowledge/folder-knowledge-base.ts';
import type { KnowledgeHit } from '../../../engine/knowledge/knowledge-base.ts';
import { cosineSimilarity, rerankWithEncoder } from '../../../engine/knowledge/rerank-with-encoder.ts';
import type { SentenceEncoder } from '../../../engine/knowledge/sentence-encoder.ts';
import { acmeKnowledgeDir } from './knowledge-base-contract.ts';

/** A deterministic stand-in for a sentence encoder: hashed bag of lower-case words, with a call log. */
function fakeEncoder(): SentenceEncoder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    provider: 'fake-bag-of-words',
    calls,
    async embed(texts) {
      calls.push([...texts]);
      return texts.map((text) => {
        const vector = new Float32Array(64);
        for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
          let h = 0;
          for (const c of word) h = (h * 31 + c.charCodeAt(0)) % 64;
          vector[h]! += 1;
        }
        return vector;
      });
    },
  };
}

function hit(chunkId: string, text: string, score: number): KnowledgeHit {
  const base = { file: 'f.md', title: 'F', headingPath: [], start: 0, end: text.length };
  return { ...base, chunkId, text, score, coverage: 1, evidence: 1, matched: [], relevant: true };
}

describe('cosineSimilarity', () => {
  it('is 1 for parallel vectors, 0 for orthogonal or zero ones', () => {
    expect(cosineSimilarity(Float32Array.of(1, 2), Float32Array.of(2, 4))).toBeCloseTo(1);
    expect(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 3))).toBe(0);
    expect(cosineSimilarity(Float32Array.of(0, 0), Float32Array.of(1, 1))).toBe(0);
  });
});

describe('rerankWithEncoder', () => {
  it('moves the passage closest in meaning up when lexical scores are close, and records similarity', async () => {
    const hits = [hit('a', 'bananas and apples', 1), hit('b', 'parcel tracking link email', 0.9)];
    const reranked = await rerankWithEncoder({ query: 'tracking link email', hits, encoder: fakeEncoder() });
    expect(reranked.map((h) => h.chunkId)).toEqual(['b', 'a']);
    expect(reranked[0]!.similarity).toBeGreaterThan(reranked[1]!.similarity!);
    expect(await rerankWithEncoder({ query: 'x', hits: [], encoder: fakeEncoder() })).toEqual([]);
  });

  it('keeps the lexical order with weight 0, and embeds each passage once with a cache', async () => {
    const encoder = fakeEncoder();
    const cache = new Map<string, Float32Array>();
    const hits = [hit('a', 'bananas and apples', 1), hit('b', 'parcel tracking link email', 0.9)];
    const kept = await rerankWithEncoder({ query: 'tracking link', hits, encoder, weight: 0, cache });
    expect(kept.map((h) => h.chunkId)).toEqual(['a', 'b']);
    await rerankWithEncoder({ query: 'another question', hits, encoder, cache });
    expect(encoder.calls.map((c) => c.length)).toEqual([3, 1]);
  });

  it('throws a SentenceEncoderError when the encoder returns the wrong number of vectors', async () => {
    const broken: SentenceEncoder = { provider: 'broken', embed: async () => [new Float32Array(4)] };
    await expect(
      rerankWithEncoder({ query: 'q', hits: [hit('a', 'text', 1)], encoder: broken }),
    ).rejects.toMatchObject({ name: 'SentenceEncoderError', expected: 2, received: 1 });
  });

  it('plugs into the folder knowledge base through its encoder option (the dense side of hybrid search)', async () => {
    const encoder = fakeEncoder();
    const kb = await createFolderKnowledgeBase({ dir: acmeKnowledgeDir, encoder });
    expect(encoder.calls[0]!.length).toBe(kb.chunkCount);
    const hits = await kb.search('how much does a return cost?', 3);
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => typeof h.similarity === 'number' && typeof h.fused === 'number')).toBe(true);
    expect(hits[0]!.file).toBe('returns-and-refunds.md');
    expect(encoder.calls.at(-1)).toEqual(['how much does a return cost?']);
    await kb.close();
  });
});
