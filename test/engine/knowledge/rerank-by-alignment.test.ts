import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHybridSearchOptions, promoteLeadSection } from '../../../engine/knowledge/hybrid-search.ts';
import { createKnowledgeAnalyzer } from '../../../engine/knowledge/knowledge-analyzer.ts';
import type { KnowledgeHit } from '../../../engine/knowledge/knowledge-base.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';
import { createWordAligner } from '../../../engine/knowledge/word-alignment.ts';
import { acmeKnowledgeDir } from './knowledge-base-contract.ts';

const documents = readdirSync(acmeKnowledgeDir)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ file, content: readFileSync(join(acmeKnowledgeDir, file), 'utf8') }));

describe('soft word alignment', () => {
  const analyzer = createKnowledgeAnalyzer();
  const aligner = createWordAligner({ analyzer });
  const concept = (word: string) => analyzer.concepts(word)[0]!;

  it('credits a question word fully by its stem, a synonym by its weight, and another word by closeness in meaning', () => {
    expect(aligner.credit(concept('returning'), aligner.align('Returns are free'))).toBe(1);
    // "coupon" and "promo code" are one synonym group (weight 0.6).
    expect(
      aligner.credit(concept('coupon'), aligner.align('Promo codes cannot be combined')),
    ).toBeGreaterThanOrEqual(0.6);
    const appliances = aligner.credit(
      concept('toaster'),
      aligner.align('Broken kitchen appliances are repaired'),
    );
    expect(appliances).toBeGreaterThan(0);
    expect(appliances).toBeLessThan(1);
    expect(aligner.credit(concept('toaster'), aligner.align('Gift cards never expire'))).toBeLessThan(
      appliances,
    );
  });

  it('credits a misspelt question word that has no vector by the document word it misspells', () => {
    const typo = aligner.credit(concept('warrenty'), aligner.align('The standard warranty lasts two years'));
    expect(typo).toBeGreaterThan(0.5);
    expect(typo).toBeLessThan(1);
    expect(aligner.credit(concept('warrenty'), aligner.align('Gift cards never expire'))).toBe(0);
  });

  it('caches a text it has aligned, and skips stop words', () => {
    const text = aligner.align('Where is the store?');
    expect(aligner.align('Where is the store?')).toBe(text);
    expect(text.words.map((w) => w.term)).toEqual(['store']);
  });
});

describe('re-ranking by alignment (hybrid search default)', () => {
  const reranked = createMemoryKnowledgeBase({ documents });
  const fusedOnly = createMemoryKnowledgeBase({ documents, hybrid: { alignmentWeight: 0 } });

  it.each([
    ["I saw the same blender cheaper on Target's website", 'Price match'],
    ['the e-gift card email never reached my friend', 'Lost gift cards'],
    ['retrun polcy for electroncis', 'Return window'],
    ['what is acme care', 'Extended protection'],
  ])(
    'chooses the section whose words mean the question when the fused order prefers another: %s',
    async (question, section) => {
      const [before] = await fusedOnly.search(question);
      const [after] = await reranked.search(question);
      expect(before!.headingPath.at(-1)).not.toBe(section);
      expect(after!.headingPath.at(-1)).toBe(section);
      expect(after!.alignment).toBeGreaterThan(0);
    },
  );

  it('still finds nothing relevant for questions the documents do not answer', async () => {
    for (const question of [
      'what time is it in Tokyo?',
      'do you sell lawn mowers for my garden?',
      'what is the capital of France?',
    ]) {
      const hits = await reranked.search(question);
      expect(hits.filter((h) => h.relevant)).toEqual([]);
    }
  });

  it('returns k hits, each with its alignment', async () => {
    const hits = await reranked.search('how long do refunds take', 3);
    expect(hits).toHaveLength(3);
    for (const hit of hits) expect(hit.alignment).toBeGreaterThanOrEqual(0);
  });
});

describe('promoteLeadSection', () => {
  const hit = (overrides: Partial<KnowledgeHit>): KnowledgeHit => ({
    chunkId: 'a.md#0',
    file: 'a.md',
    title: 'A',
    headingPath: ['A', 'One'],
    text: 'One.',
    start: 0,
    end: 4,
    score: 1,
    coverage: 0.3,
    evidence: 0.6,
    matched: ['one'],
    relevant: false,
    ...overrides,
  });

  it('quotes a well-aligned first section when another section makes the question answerable', () => {
    const hits = [hit({ evidence: 0.2, alignment: 0.5 }), hit({ chunkId: 'a.md#1', relevant: true })];
    expect(promoteLeadSection(hits, defaultHybridSearchOptions)[0]!.relevant).toBe(true);
    expect(promoteLeadSection(hits, { ...defaultHybridSearchOptions, leadAlignment: 0.6 })[0]!.relevant).toBe(
      false,
    );
  });

  it('never makes a question with no relevant hit answered, unless asked to by answerAlignment', () => {
    const hits = [hit({ alignment: 0.9 }), hit({ chunkId: 'a.md#1' })];
    expect(promoteLeadSection(hits, defaultHybridSearchOptions).some((h) => h.relevant)).toBe(false);
    expect(
      promoteLeadSection(hits, { ...defaultHybridSearchOptions, answerAlignment: 0.5 })[0]!.relevant,
    ).toBe(true);
  });
});
