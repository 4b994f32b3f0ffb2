import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHybridSearchOptions } from '../../../engine/knowledge/hybrid-search.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

/**
 * Meaning agreement needs more of the question than a question-form phrase (`agreementEvidence` 0.4): found on the
 * third bot (Greenvale's waste service), where "how much does it cost to hire a skip" — the documents say nothing of
 * skips — made the garden-subscription section relevant by "how much" and its meaning, and the lead rule then quoted
 * "Hired vans are allowed" as if it answered.
 */
const documentsIn = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.md'))
    .map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const fixtures = join(import.meta.dirname, '../../fixtures');
const waste = documentsIn(join(fixtures, 'bots/waste/knowledge'));
const acme = documentsIn(join(import.meta.dirname, '../../../examples/acme/knowledge'));

describe('agreementEvidence', () => {
  it('does not let meaning and a question-form phrase alone make a passage relevant', async () => {
    const question = 'how much does it cost to hire a skip';
    const strict = await createMemoryKnowledgeBase({ documents: waste }).search(question);
    expect(strict.filter((hit) => hit.relevant).map((hit) => hit.headingPath.at(-1))).toEqual([]);
    const loose = await createMemoryKnowledgeBase({
      documents: waste,
      hybrid: { agreementEvidence: 0.3 },
    }).search(question);
    expect(loose.some((hit) => hit.relevant)).toBe(true);
  });

  it('still lets meaning agree with a topic phrase that several sections share', async () => {
    expect(defaultHybridSearchOptions.agreementEvidence).toBe(0.4);
    const [hit] = await createMemoryKnowledgeBase({ documents: acme }).search('do you sell gift cards?');
    expect(hit?.headingPath.at(-1)).toBe('Gift cards');
    expect(hit?.relevant).toBe(true);
  });
});
