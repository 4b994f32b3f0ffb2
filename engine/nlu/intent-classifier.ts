import type { AbstentionEstimate } from './abstention-estimate.ts';

/** One labelled training utterance. */
export interface TrainingExample {
  text: string;
  intent: string;
}

/** One intent with its calibrated probability. */
export interface IntentScore {
  intent: string;
  /** Probability in [0, 1]; the ranking's confidences sum to at most 1. */
  confidence: number;
}

/** What the classifier read in one utterance. */
export interface IntentPrediction {
  /** Best intent, or `null` when the utterance is out of scope (far from every intent). */
  intent: string | null;
  /** Confidence of the best in-scope intent, in [0, 1]. */
  confidence: number;
  /** All intents, best first. */
  ranking: IntentScore[];
  /** True when the classifier judged the utterance out of scope. */
  outOfScope: boolean;
  /**
   * True when it is out of scope because it reads like something the bot is not for (the words of
   * off-topic examples), not merely because its words are new; a runtime then gives the fallback rather
   * than asking a language model to make sense of it. Left out by classifiers that cannot tell.
   */
  offTopic?: boolean;
}

/** A trained intent classifier. `classify` is synchronous and cheap (well under a millisecond). */
export interface IntentClassifier {
  /** Implementation id, e.g. "parley-linear". */
  readonly provider: string;
  /** Intents it knows, sorted. */
  readonly intents: readonly string[];
  /** The out-of-scope threshold chosen for this bot and what it is expected to trade, when it was chosen from the examples. */
  readonly abstention?: AbstentionEstimate;
  classify(text: string): IntentPrediction;
  /** A JSON-serialisable form that {@link IntentClassifierTrainer.load} restores. */
  serialize(): unknown;
}

/** Options common to all trainers. */
export interface TrainOptions {
  /** Seed for every random choice in training; same seed and data give the same model. Default 1. */
  seed?: number;
  /** Called with progress in [0, 1] during training. */
  onProgress?: (fraction: number) => void;
}

/** Trains classifiers from examples, and restores serialised ones. */
export interface IntentClassifierTrainer {
  readonly provider: string;
  /** The settings that shape a trained model (JSON); with the examples, the key of a model cache. */
  readonly settings: Readonly<Record<string, unknown>>;
  train(examples: readonly TrainingExample[], options?: TrainOptions): Promise<IntentClassifier>;
  load(serialized: unknown): IntentClassifier;
}
