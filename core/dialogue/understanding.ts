import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { IntentPrediction } from '../../engine/nlu/intent-classifier.ts';

/** What understanding read in one user turn. */
export interface Understanding {
  text: string;
  prediction: IntentPrediction;
  entities: ExtractedEntity[];
}
