import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

/**
 * The heading's precision in the re-ranking (`hybrid.alignmentHeadingPrecision`, off by default): found on the
 * library bot, where questions about getting a card quoted "Lost or damaged cards", a heading about what they did not ask.
 */
const dir = join(import.meta.dirname, '../../fixtures/bots/library/knowledge');
const documents = readdirSync(dir).map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
const question = 'what paperwork do i need to sign up for a card';

describe('alignmentHeadingPrecision', () => {
  it('ranks the section whose heading the question means above one whose heading names something else', async () => {
    const plain = createMemoryKnowledgeBase({ documents });
    const precise = createMemoryKnowledgeBase({ documents, hybrid: { alignmentHeadingPrecision: 0.5 } });
    const [before] = await plain.search(question);
    const [after] = await precise.search(question);
    expect(before?.headingPath.at(-1)).toBe('Lost or damaged cards');
    expect(after?.headingPath.at(-1)).toBe('Getting a library card');
  });
});
