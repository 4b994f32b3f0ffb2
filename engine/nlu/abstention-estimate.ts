/**
 * The out-of-scope threshold a classifier was given by cross-validation on its own examples, and what it is
 * expected to trade: measured on examples and off-topic utterances each fold's model never saw.
 */
export interface AbstentionEstimate {
  /** Confidence below which an utterance is out of scope, in [0, 1]. */
  threshold: number;
  /** Held-out in-scope examples accepted with the right intent, over all of them, in [0, 1]. */
  inScopeAcceptance: number;
  /** Off-topic rejection: the mean of `topicRejection` and `unknownIntentRejection` (those measured), in [0, 1]. */
  offTopicRejection: number;
  /** Utterances of held-out background topics (general off-topic requests) rejected, in [0, 1]. */
  topicRejection?: number;
  /** Examples of an intent left out of training (requests close to the bot's domain) rejected, in [0, 1]. */
  unknownIntentRejection?: number;
  /** In-scope examples scored (every example once). */
  inScopeN: number;
  /** Off-topic utterances scored (held-out topics and held-out intents). */
  offTopicN: number;
  folds: number;
}
