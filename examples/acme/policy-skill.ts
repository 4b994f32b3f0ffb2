import { defineSkill } from '../../skills/define-skill.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';
import { policyExamples } from './policy-examples.ts';
import { policyExamplesEs } from './policy-examples-es.ts';

// What a policy question the help articles do not answer gets: never a guess.
const notFound = "I couldn't find that in our help articles, and I'd rather not guess. Would you like to talk to a person?";
const notFoundEs = 'No lo encuentro en nuestros artículos de ayuda y prefiero no adivinar. ¿Quieres hablar con una persona?';

/**
 * The `store_policies` intent: a question about Acme's rules is answered from the help articles (`knowledge`), with
 * the looser relevance test a recognised knowledge question gets; it has no flow, so nothing starts, and
 * when the articles have nothing it says so.
 */
export function createPolicySkill(): SkillDefinition {
  return defineSkill({
    name: 'policies',
    intents: { store_policies: { examples: policyExamples, title: 'Store policies', response: notFound, knowledge: true, suggest: false } },
    locales: { es: { intents: { store_policies: { examples: policyExamplesEs, title: 'Condiciones de la tienda', response: notFoundEs } } } },
  });
}
