import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderKnowledgeBase, type FolderKnowledgeBase } from '../../../engine/knowledge/folder-knowledge-base.ts';
import { defaultKnowledgeRelevanceOptions, isRelevant } from '../../../engine/knowledge/knowledge-relevance.ts';

/**
 * "More than one rare word" needs a second concept of substance (`minSecondEvidence`): found on a second bot, whose
 * documents say "library" in many sections, where one rare word plus that topic word passed for an answer.
 */
const libraryKnowledge = join(import.meta.dirname, '../../fixtures/bots/library/knowledge');
let kb: FolderKnowledgeBase;
beforeAll(async () => {
  kb = await createFolderKnowledgeBase({ dir: libraryKnowledge });
});
afterAll(async () => kb.close());

describe('minSecondEvidence', () => {
  const base = { coverage: 0.4, evidence: 1.23, score: 1, bestScore: 1 };

  it('refuses one rare word plus a common one, accepts two words of substance', () => {
    expect(isRelevant({ ...base, besidesStrongest: 0.23 }, defaultKnowledgeRelevanceOptions)).toBe(false);
    expect(isRelevant({ ...base, besidesStrongest: 0.45 }, defaultKnowledgeRelevanceOptions)).toBe(true);
    // Nearly all of a short question still counts, whatever its concepts.
    expect(isRelevant({ ...base, coverage: 0.7, besidesStrongest: 0.23 }, defaultKnowledgeRelevanceOptions)).toBe(true);
    expect(isRelevant({ ...base, besidesStrongest: 0.23 }, { ...defaultKnowledgeRelevanceOptions, minSecondEvidence: 0 })).toBe(true);
  });

  it.each(['can I get a passport photo taken at the library', 'are there job openings at the library'])(
    'finds nothing relevant for "%s" (one rare word and the topic word)',
    async (question) => {
      const hits = await kb.search(question);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.filter((hit) => hit.relevant)).toEqual([]);
    },
  );

  it.each([
    ['do I need a photo ID to join the library', 'Getting a library card'],
    ['what is the wifi network at the library', 'Wi-Fi'],
  ])('still answers "%s"', async (question, heading) => {
    const [first] = await kb.search(question);
    expect(first?.relevant).toBe(true);
    expect(first?.headingPath.at(-1)).toBe(heading);
  });
});
