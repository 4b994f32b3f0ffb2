import { describe, expect, it } from 'vitest';
import { defaultDialoguePolicy } from '../../../core/contracts/dialogue-policy.ts';
import { initialDialogueContext } from '../../../core/dialogue/dialogue-context.ts';
import { interpretTurn } from '../../../core/dialogue/interpret-turn.ts';
import type { Understanding } from '../../../core/dialogue/understanding.ts';
import { createSkillRegistry } from '../../../core/skill-registry.ts';

const registry = createSkillRegistry([]);
const unknown = (text: string, locale?: string): Understanding => ({
  text,
  ...(locale ? { locale } : {}),
  prediction: { intent: null, confidence: 0, ranking: [], outOfScope: true },
  entities: [],
  knowledge: null,
});
const reply = (u: Understanding) => interpretTurn(initialDialogueContext(), u, registry, defaultDialoguePolicy)[0]?.type;

describe('what makes a question is read in the turn\'s language', () => {
  it('answers "not found" to a question in the turn\'s language the documents do not answer, and "didn\'t understand" otherwise', () => {
    expect(reply(unknown('cuánto cuesta el envío', 'es'))).toBe('not_found');
    expect(reply(unknown('cuánto cuesta el envío', 'en'))).toBe('fallback');
    expect(reply(unknown('how much is shipping to Mars', 'en'))).toBe('not_found');
    expect(reply(unknown('how much is shipping to Mars', 'es'))).toBe('fallback');
  });

  it('falls back to every language\'s cues for a locale without its own, or none given', () => {
    expect(reply(unknown('how much is shipping to Mars', 'fr'))).toBe('not_found');
    expect(reply(unknown('cuánto cuesta el envío'))).toBe('not_found');
  });
});
