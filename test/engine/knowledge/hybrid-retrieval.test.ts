import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstPrincipalDirection, removeComponent } from '../../../engine/knowledge/common-component.ts';
import { createFolderKnowledgeBase } from '../../../engine/knowledge/folder-knowledge-base.ts';
import { fuseKnowledgeHits, defaultHybridSearchOptions } from '../../../engine/knowledge/hybrid-search.ts';
import type { KnowledgeHit } from '../../../engine/knowledge/knowledge-base.ts';
import { reciprocalRankFusion } from '../../../engine/knowledge/reciprocal-rank-fusion.ts';
import { cosineSimilarity } from '../../../engine/knowledge/rerank-with-encoder.ts';
import type { SentenceEncoder } from '../../../engine/knowledge/sentence-encoder.ts';
import { createSifSentenceEncoder } from '../../../engine/knowledge/sif-sentence-encoder.ts';
import { acmeKnowledgeDir } from './knowledge-base-contract.ts';

/** The shipped SIF encoder, counting the texts it embeds. */
function countingEncoder(): SentenceEncoder & { texts: string[] } {
  const sif = createSifSentenceEncoder();
  const texts: string[] = [];
  const embed = async (batch: readonly string[]) => {
    texts.push(...batch);
    return sif.embed(batch);
  };
  return { provider: sif.provider, texts, embed };
}

describe('reciprocalRankFusion', () => {
  it('scores every id Σ weight / (k + rank) over the rankings it is in', () => {
    const fused = reciprocalRankFusion({ rankings: [['a', 'b', 'c'], ['c', 'b']], weights: [1, 0.5], k: 5 });
    expect(fused.map((f) => f.id)).toEqual(['b', 'c', 'a']);
    expect(fused[0]!.score).toBeCloseTo(1 / 7 + 0.5 / 7);
    expect(fused[1]!.score).toBeCloseTo(1 / 8 + 0.5 / 6);
    expect(fused[2]!.score).toBeCloseTo(1 / 6);
  });
});

describe('SIF sentence vectors', () => {
  it('weigh rare words over frequent ones, so the content decides the closeness', async () => {
    const sif = createSifSentenceEncoder();
    const [q, giftCards, privacy] = await sif.embed(['do you sell gift cards?', 'Digital gift cards from $10 to $500', 'We never sell personal data']);
    expect(cosineSimilarity(q!, giftCards!)).toBeGreaterThan(cosineSimilarity(q!, privacy!));
    expect(Array.from(sif.embedOne('xqzjv wpqkx'))).toEqual(new Array(sif.dimensions).fill(0));
  });

  it('common-component removal takes out the direction all passages share', () => {
    const shared = Float32Array.from([1, 1, 0]);
    const vectors = [Float32Array.from([1, 1, 0.2]), Float32Array.from([1, 1, -0.2]), Float32Array.from([1.1, 0.9, 0])];
    const u = firstPrincipalDirection(vectors)!;
    expect(Math.abs(cosineSimilarity(Float32Array.from(u), shared))).toBeGreaterThan(0.99);
    const [a, b] = vectors.map((v) => removeComponent(v, u));
    expect(cosineSimilarity(a!, b!)).toBeLessThan(0);
  });
});

describe('fuseKnowledgeHits', () => {
  const hit = (chunkId: string, over: Partial<KnowledgeHit> = {}): KnowledgeHit => ({
    chunkId, file: `${chunkId}.md`, title: chunkId, headingPath: [chunkId], text: chunkId, start: 0, end: 1,
    score: 1, coverage: 0.3, evidence: 0.6, matched: [], relevant: false, ...over,
  });

  it('makes a weak keyword match relevant only when meaning agrees, and never a passage found by meaning alone', () => {
    const lexical = [hit('privacy', { score: 3, evidence: 1, relevant: true }), hit('gift', { score: 2.9, evidence: 0.48 })];
    const chunkOf = (id: string) => ({ id, file: `${id}.md`, title: id, headingPath: [id], text: id, start: 0, end: 1 });
    const hits = fuseKnowledgeHits({
      lexical,
      dense: [{ chunkId: 'gift', similarity: 0.65 }, { chunkId: 'other', similarity: 0.6 }, { chunkId: 'privacy', similarity: 0.2 }],
      chunkOf,
      k: 5,
      options: defaultHybridSearchOptions,
    });
    expect(hits.map((h) => [h.chunkId, h.relevant])).toEqual([['privacy', true], ['gift', true], ['other', false]]);
    expect(hits[1]!.similarity).toBe(0.65);
    const weak = fuseKnowledgeHits({ lexical, dense: [{ chunkId: 'gift', similarity: 0.45 }], chunkOf, k: 5, options: defaultHybridSearchOptions });
    expect(weak.find((h) => h.chunkId === 'gift')!.relevant).toBe(false);
  });

  it('lets the first-ranked section answer a question some section answers, when it matched enough of it', () => {
    const chunkOf = () => undefined;
    const fuse = (lexical: KnowledgeHit[]) =>
      fuseKnowledgeHits({ lexical, dense: [{ chunkId: 'start', similarity: 0.4 }, { chunkId: 'refunds', similarity: -0.3 }], chunkOf, k: 5, options: defaultHybridSearchOptions })
        .map((h) => [h.chunkId, h.relevant]);
    // "how do I go about returning something": "How to start a return" ranks first; "Refunds" shares one more word.
    const start = hit('start', { score: 4.1, evidence: 0.73, coverage: 0.38 });
    const refunds = hit('refunds', { score: 3.6, evidence: 1.48, coverage: 0.78, relevant: true });
    expect(fuse([start, refunds])).toEqual([['start', true], ['refunds', true]]);
    // Not answerable at all: nothing is promoted; a first hit matching too little is not either.
    expect(fuse([start, { ...refunds, relevant: false }])).toEqual([['start', false], ['refunds', false]]);
    expect(fuse([{ ...start, evidence: 0.3 }, refunds])).toEqual([['start', false], ['refunds', true]]);
    const off = { ...defaultHybridSearchOptions, leadEvidence: Number.POSITIVE_INFINITY };
    const kept = fuseKnowledgeHits({ lexical: [start, refunds], dense: [{ chunkId: 'start', similarity: 0.4 }], chunkOf, k: 5, options: off });
    expect(kept.find((h) => h.chunkId === 'start')!.relevant).toBe(false);
  });
});

describe('the folder knowledge base with hybrid search', () => {
  it('embeds every passage once, saves the vectors with the index, and re-embeds only what changed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'parley-hybrid-'));
    const dir = join(root, 'knowledge');
    cpSync(acmeKnowledgeDir, dir, { recursive: true });
    const indexFile = join(root, 'index.json');

    const first = countingEncoder();
    const kb = await createFolderKnowledgeBase({ dir, indexFile, encoder: first });
    expect(first.texts).toHaveLength(kb.chunkCount);
    await kb.close();
    const saved = JSON.parse(readFileSync(indexFile, 'utf8')) as { dense: { encoder: string; vectors: Record<string, string> } };
    expect(saved.dense.encoder).toBe(first.provider);
    expect(Object.keys(saved.dense.vectors)).toHaveLength(kb.chunkCount);

    const restarted = countingEncoder();
    const again = await createFolderKnowledgeBase({ dir, indexFile, encoder: restarted });
    expect(restarted.texts).toEqual([]);
    const file = join(dir, 'gift-cards-and-promotions.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Verified students get', 'Verified students and teachers get'));
    await again.refresh();
    expect(restarted.texts).toHaveLength(1);
    expect(restarted.texts[0]).toContain('students and teachers');
    const [best] = await again.search('do teachers get a discount?');
    expect(best!.headingPath.at(-1)).toBe('Student discount');
    await again.close();
  });

  it('answers the two retrieval findings of #23 from the right section', async () => {
    const kb = await createFolderKnowledgeBase({ dir: acmeKnowledgeDir });
    const [gift] = (await kb.search('do you sell gift cards?')).filter((h) => h.relevant);
    expect(gift!.headingPath.at(-1)).toBe('Gift cards');
    const [promo] = (await kb.search("my discount code doesn't work")).filter((h) => h.relevant);
    expect(promo!.headingPath.at(-1)).toBe('Promo codes');
    // With keywords alone the first relevant passage for the gift-card question was the privacy one.
    const keywords = await createFolderKnowledgeBase({ dir: acmeKnowledgeDir, encoder: null });
    const [before] = (await keywords.search('do you sell gift cards?')).filter((h) => h.relevant);
    expect(before!.headingPath.at(-1)).toBe('Personal data');
    await kb.close();
    await keywords.close();
  });
});
