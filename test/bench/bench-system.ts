import type { TrainingExample } from '../../engine/nlu/index.ts';

/** What a benchmarked system read in one utterance. */
export interface BenchPrediction {
  /** Its best intent, whatever its own out-of-scope verdict. */
  top: string;
  /**
   * How sure it is, higher is surer; the out-of-scope threshold applies to this. A system that
   * itself judged the utterance out of scope scores 0.
   */
  score: number;
}

/** A trained model under benchmark. */
export interface BenchModel {
  predict(text: string): BenchPrediction | Promise<BenchPrediction>;
}

/** A system under benchmark: parley or NLP.js. */
export interface BenchSystem {
  /** Key in the JSON output. */
  readonly key: 'parley' | 'nlpjs';
  train(examples: readonly TrainingExample[]): Promise<BenchModel>;
}
