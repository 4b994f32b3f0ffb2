import type { IntentClassifier, IntentPrediction } from '../../engine/nlu/intent-classifier.ts';

/**
 * A deterministic classifier for dialogue tests: the first rule whose keyword the text contains decides,
 * with the rule's ranking. Lets tests pin exact confidences (close intents, low confidence).
 */
export function keywordClassifier(rules: Array<{ keyword: string; ranking: Array<[string, number]> }>): IntentClassifier {
  const intents = [...new Set(rules.flatMap((r) => r.ranking.map(([i]) => i)))].sort();
  return {
    provider: 'test-keywords',
    intents,
    classify(text): IntentPrediction {
      const rule = rules.find((r) => text.toLowerCase().includes(r.keyword));
      const ranking = (rule?.ranking ?? []).map(([intent, confidence]) => ({ intent, confidence }));
      const top = ranking[0];
      return { intent: top?.intent ?? null, confidence: top?.confidence ?? 0, ranking, outOfScope: !top };
    },
    serialize: () => rules,
  };
}
