export type {
  IntentClassifier,
  IntentClassifierTrainer,
  IntentPrediction,
  IntentScore,
  TrainingExample,
  TrainOptions,
} from './intent-classifier.ts';
export type { EntityDefinition, EntityExtractor, ExtractedEntity } from './entity.ts';
