export type {
  IntentClassifier,
  IntentClassifierTrainer,
  IntentPrediction,
  IntentScore,
  TrainingExample,
  TrainOptions,
} from './intent-classifier.ts';
export type { EntityDefinition, EntityExtractor, ExtractedEntity } from './entity.ts';
export {
  type ChooseThresholdOptions,
  chooseOutOfScopeThreshold,
  defaultChooseThresholdOptions,
  type ThresholdChoice,
  type ThresholdSample,
} from './choose-out-of-scope-threshold.ts';
export type { AbstentionEstimate } from './abstention-estimate.ts';
export {
  type CrossValidateAbstentionOptions,
  crossValidateAbstention,
  defaultCrossValidateAbstentionOptions,
} from './cross-validate-abstention.ts';
export { createEntityExtractor } from './create-entity-extractor.ts';
export {
  createLinearIntentTrainer,
  defaultLinearIntentTrainerOptions,
  type LinearIntentTrainerOptions,
} from './linear-intent-trainer.ts';
export { linearIntentProvider } from './linear-intent-classifier.ts';
export type { SerializedLinearIntentModel } from './serialized-linear-intent-model.ts';
export { builtinWordVectors, loadWordVectors } from './load-word-vectors.ts';
export type { WordVectors } from './word-vectors.ts';
export type { BackgroundTopics } from './background-topics.ts';
export { builtinBackgroundTopics, loadBackgroundTopics } from './load-background-topics.ts';
