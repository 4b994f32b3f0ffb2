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
export { createEntityExtractor } from './create-entity-extractor.ts';
export {
  defaultFitTemperatureOptions,
  type FitTemperatureOptions,
  fitTemperature,
} from './fit-temperature.ts';
export {
  createLinearIntentTrainer,
  defaultLinearIntentTrainerOptions,
  type LinearIntentTrainerOptions,
} from './linear-intent-trainer.ts';
export { linearIntentProvider } from './linear-intent-classifier.ts';
export {
  createProgressBar,
  defaultProgressBarOptions,
  type ProgressBar,
  type ProgressBarOptions,
  type ProgressStream,
} from './progress-bar.ts';
export type { SerializedLinearIntentModel } from './serialized-linear-intent-model.ts';
export { defaultTokenizeOptions, type TokenizeOptions, tokenizeUtterance } from './tokenize-utterance.ts';
export { trainingHash } from './training-hash.ts';
export { builtinWordVectors, builtinWordVectorsPath, loadWordVectors } from './load-word-vectors.ts';
export {
  decodeWordVectors,
  encodeWordVectors,
  type WordVectors,
  type WordVectorsData,
  type WordVectorsHeader,
  wordVectorsFormat,
} from './word-vectors.ts';
export { type BackgroundTopics, backgroundTopicsFormat, parseBackgroundTopics } from './background-topics.ts';
export { builtinBackgroundTopics, builtinBackgroundTopicsPath, loadBackgroundTopics } from './load-background-topics.ts';
