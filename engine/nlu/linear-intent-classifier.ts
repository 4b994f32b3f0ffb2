import { InputError } from '../../core/contracts/errors/index.ts';
import type { AbstentionEstimate } from './abstention-estimate.ts';
import type { IntentClassifier, IntentPrediction, IntentScore } from './intent-classifier.ts';
import type { QuantizedRows } from './quantize-rows.ts';
import { serializeLinearIntentModel } from './serialized-linear-intent-model.ts';
import { type SoftmaxRegression, softmaxInPlace } from './softmax-regression.ts';
import type { TfidfVectorizer } from './tfidf-vectorizer.ts';
import { createUtteranceFeaturizer, type WordVectorSettings } from './utterance-featurizer.ts';

/** Provider id of the TF-IDF + softmax classifier. */
export const linearIntentProvider = 'parley-linear';

/** Everything a trained linear classifier consists of. */
export interface LinearIntentModel {
  /** Class names, sorted; class `c` of `model` is `intents[c]`. */
  intents: readonly string[];
  vectorizer: TfidfVectorizer;
  /** Its weights are exactly `quantizedWeights` dequantized. */
  model: SoftmaxRegression;
  /** The model's weights as stored: 8-bit codes with a scale per feature row. */
  quantizedWeights: QuantizedRows;
  /** Confidence below which a prediction is out of scope, in [0, 1]. */
  oosThreshold: number;
  /** Softmax temperature fitted on held-out examples (1 = the raw softmax). */
  temperature: number;
  /** Confidence = probability × familiarity^this, in (0, 1]. */
  familiarityExponent: number;
  /**
   * Pretrained word vectors whose idf-weighted mean joins the TF-IDF features (as the last
   * `dimensions` features, scaled to length `weight`), or null for TF-IDF alone.
   */
  wordVectors: WordVectorSettings | null;
  /** How `oosThreshold` was chosen by cross-validation, when it was (`oosThreshold: 'auto'`). */
  abstention?: AbstentionEstimate;
}

/**
 * An out-of-scope utterance with at least this share of its word weight on off-topic words is
 * `offTopic`. Shares come out near 0 (in-scope phrasings the model is unsure of) or well above (requests
 * about something else), and the limit sits in the gap between them (docs/classifier-design-notes.md).
 */
const offTopicShareLimit = 0.3;

/**
 * The {@link IntentClassifier} of a trained {@link LinearIntentModel}.
 *
 * Confidences are the softmax probabilities at the model's calibrated temperature times the
 * utterance's word familiarity (see `TextFeatures.familiarity`) to the power `familiarityExponent`:
 * P(intent) = P(in scope) × P(intent | in scope), with the share of off-topic and unseen words standing
 * in for P(out of scope). They sum to 1 when every word is an example word, less otherwise. The
 * prediction is out of scope when the best confidence is below `oosThreshold`.
 */
export function createLinearIntentClassifier(parts: LinearIntentModel): IntentClassifier {
  const { intents, model, oosThreshold, temperature, familiarityExponent } = parts;
  const featurizer = createUtteranceFeaturizer(parts.vectorizer, parts.wordVectors);
  return {
    provider: linearIntentProvider,
    intents,
    ...(parts.abstention ? { abstention: parts.abstention } : {}),
    classify(text: string): IntentPrediction {
      if (typeof text !== 'string') throw new InputError('text', `must be a string, got ${typeof text}`);
      const { vector, familiarity, offTopicShare } = featurizer.featurize(text);
      const probabilities = softmaxInPlace(model.logits(vector), temperature);
      const inScope = familiarity ** familiarityExponent;
      const ranking: IntentScore[] = intents.map((intent, c) => ({
        intent,
        confidence: probabilities[c]! * inScope,
      }));
      // Ties (an utterance of unseen words only) fall back to the sorted intent order.
      ranking.sort((a, b) => b.confidence - a.confidence || (a.intent < b.intent ? -1 : 1));
      const best = ranking[0]!;
      const outOfScope = best.confidence < oosThreshold;
      return {
        intent: outOfScope ? null : best.intent,
        confidence: best.confidence,
        ranking,
        outOfScope,
        offTopic: outOfScope && offTopicShare >= offTopicShareLimit,
      };
    },
    serialize: () => serializeLinearIntentModel(parts),
  };
}
