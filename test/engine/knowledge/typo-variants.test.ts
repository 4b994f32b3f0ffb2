import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

/**
 * Typo variants in knowledge search (`findTermPostings`), both found on the third bot (Greenvale's waste service):
 * a variant keeps the word's first letter ("how early do the bin men come round" matched "a yearly subscription" as
 * a typo of "early" and quoted the garden-waste subscription), and a word that matches nothing stands for the index
 * term it starts with when a short misspelt ending kept the stemmer from reducing it ("recyclng").
 */
const dir = join(import.meta.dirname, '../../fixtures/bots/waste/knowledge');
const documents = readdirSync(dir).map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const kb = createMemoryKnowledgeBase({ documents });
const section = (hit: { headingPath: string[] } | undefined) => hit?.headingPath.at(-1);

describe('typo tolerance in knowledge search', () => {
  it('does not read a word the documents lack as a typo of one that begins differently', async () => {
    const hits = await kb.search('how early do the bin men come round', 10);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((hit) => hit.matched.includes('early')).map(section)).toEqual([]);
    expect(section(hits[0])).not.toBe('Do I have to pay for garden waste collection?');
  });

  it('still matches a misspelling that keeps the first letter', async () => {
    const [hit] = await kb.search('how do I cancel the subscripton');
    expect(section(hit)).toBe('Can I get my money back if I cancel the garden subscription?');
    expect(hit?.matched).toContain('subscripton');
  });

  it('reads a word whose misspelt ending kept it from being stemmed as the word it starts with', async () => {
    const hits = await kb.search('is it ok to put a broken mirror in the recyclng');
    const best = hits.reduce((a, b) => (b.score > a.score ? b : a));
    expect(section(best)).toBe('What must not go in the recycling?');
    expect(best.matched).toEqual(expect.arrayContaining(['mirror', 'recyclng']));
    expect(best.relevant).toBe(true);
  });

  it('does not shorten a common English word that the documents lack', async () => {
    const hits = await kb.search('how do I apply for a job as a bin collector', 10);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((hit) => hit.matched.includes('collector')).map(section)).toEqual([]);
  });
});
