import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';

/** Wraps a classifier so that it abstains (out of scope) on the given texts, as on a turn it cannot route. */
export function abstainingClassifier(inner: IntentClassifier, texts: readonly string[]): IntentClassifier {
  return {
    ...inner,
    provider: `${inner.provider}+abstaining`,
    intents: inner.intents,
    classify: (text) =>
      texts.includes(text) ? { intent: null, confidence: 0.05, ranking: [], outOfScope: true } : inner.classify(text),
    serialize: () => inner.serialize(),
  };
}
