import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlausibleKnowledgeHit, selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { chooseLeadSentence } from '../../../engine/knowledge/choose-lead-sentence.ts';
import { createKnowledgeAnalyzer } from '../../../engine/knowledge/knowledge-analyzer.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

/**
 * The lead sentence weighs the question's words by how rare they are in the whole collection (`conceptWeights`,
 * `collectionShare`), not only among the passage's sentences: found on the third bot (Greenvale's waste service),
 * where "the ash from my wood burner, can that go in the bin" led with "The lid must close: bins with …" — "bin" and
 * "ashes" each stand in one sentence of the section, and the tie went to the earlier one, although every section of
 * a bin service says "bin".
 */
const dir = join(import.meta.dirname, '../../fixtures/bots/waste/knowledge');
const documents = readdirSync(dir).map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const kb = createMemoryKnowledgeBase({ documents });

describe('the lead sentence and the collection', () => {
  it('leads with the sentence holding the word that is rare in the collection', async () => {
    const question = 'the ash from my wood burner, can that go in the bin';
    const hits = await kb.search(question);
    const answer = selectAnswerPassage({ question, hits, accept: isPlausibleKnowledgeHit });
    expect(answer?.hit.headingPath.at(-1)).toBe('What goes in the black bin?');
    expect(answer?.hit.conceptWeights?.ash).toBeGreaterThan(
      answer?.hit.conceptWeights?.bin ?? Number.POSITIVE_INFINITY,
    );
    expect(answer?.lead).toMatch(/^Hot ashes must be cold/);
    const alike = selectAnswerPassage({
      question,
      hits,
      accept: isPlausibleKnowledgeHit,
      collectionShare: 0,
    });
    expect(alike?.lead).toMatch(/^The lid must close/);
  });

  it('counts every concept alike without the collection weights', () => {
    const analyzer = createKnowledgeAnalyzer();
    const sentences = ['Bins with the lid open are not emptied.', 'Hot ashes must be cold for 48 hours.'];
    const question = 'can ash go in the bin';
    expect(chooseLeadSentence({ question, sentences, analyzer })).toBe(0);
    expect(chooseLeadSentence({ question, sentences, analyzer, conceptWeights: { ash: 4, bin: 0.2 } })).toBe(
      1,
    );
  });
});
