import { describe, expect, it } from 'vitest';
import { builtinSkills } from '../../skills/builtin/builtin-skills.ts';
import { builtinExamples } from '../../skills/builtin/builtin-examples.ts';

const intents = (skills: ReturnType<typeof builtinSkills>) => skills[0]!.intents!;

describe('builtinSkills overrides', () => {
  it('ships every built-in intent by default', () => {
    expect(Object.keys(intents(builtinSkills()))).toEqual(['greet', 'goodbye', 'thanks', 'help', 'cancel']);
  });

  it('changes the examples of one intent and leaves the others as shipped', () => {
    const skills = builtinSkills({ intents: { cancel: { examples: (d) => [...d.filter((e) => !e.startsWith('actually')), 'scrap the order'] } } });
    const cancel = intents(skills).cancel!.examples;
    expect(cancel.some((e) => e.startsWith('actually'))).toBe(false);
    expect(cancel).toContain('scrap the order');
    expect(intents(skills).greet!.examples).toBe(builtinExamples.greet);
  });

  it('replaces an answer or a title, and leaves an intent out', () => {
    const skills = builtinSkills({ intents: { thanks: { response: 'Any time!' }, help: false } });
    expect(intents(skills).thanks!.response).toBe('Any time!');
    expect(intents(skills).thanks!.title).toBe('Say thanks');
    expect(intents(skills).help).toBeUndefined();
  });

  it('refuses an override that leaves an intent without examples', () => {
    expect(() => builtinSkills({ intents: { greet: { examples: [] } } })).toThrow(/intents\.greet\.examples leaves no example/);
  });
});
