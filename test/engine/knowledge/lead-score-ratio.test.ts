import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlausibleKnowledgeHit, selectAnswerPassage } from '../../../engine/knowledge/answer-passage.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

/**
 * The section with far more of the question's words leads (`leadScoreRatio`): found on the third bot (Greenvale's
 * waste service), where "is it ok to put a broken mirror in the recyclng" led with "A broken lid or wheel is repaired
 * for free" — the search ranked "My bin has been stolen or is broken" first by its heading — although "What must not
 * go in the recycling?", quoted second, matched twice its keyword score.
 */
const dir = join(import.meta.dirname, '../../fixtures/bots/waste/knowledge');
const documents = readdirSync(dir).map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const kb = createMemoryKnowledgeBase({ documents });
const question = 'is it ok to put a broken mirror in the recyclng';

describe('leadScoreRatio', () => {
  it('leads with the accepted section that scored far higher, and still quotes the first one after it', async () => {
    const hits = await kb.search(question);
    expect(hits[0]?.headingPath.at(-1)).toBe('My bin has been stolen or is broken. What now?');
    const answer = selectAnswerPassage({ question, hits, accept: isPlausibleKnowledgeHit });
    expect(answer?.hit.headingPath.at(-1)).toBe('What must not go in the recycling?');
    expect(answer?.lead).toMatch(/mirrors and ceramics/);
    expect(answer?.text).toContain(
      '(Source: bins-and-charges.md › Your bins, the garden service and charges › My bin has been stolen or is broken. What now?)',
    );
  });

  it('keeps the search order when told to', async () => {
    const hits = await kb.search(question);
    const answer = selectAnswerPassage({
      question,
      hits,
      accept: isPlausibleKnowledgeHit,
      leadScoreRatio: Number.POSITIVE_INFINITY,
    });
    expect(answer?.hit.headingPath.at(-1)).toBe('My bin has been stolen or is broken. What now?');
  });
});
