import { createProgressBar } from '../../channels/cli/progress-bar.ts';
import { createLinearIntentTrainer, type LinearIntentTrainerOptions } from '../../engine/nlu/index.ts';
import type { BenchSystem } from './bench-system.ts';

/** Trainer options on top of the defaults, as JSON in $PARLEY_NLU_OPTIONS (for experiments). */
const trainerOptions = JSON.parse(process.env['PARLEY_NLU_OPTIONS'] ?? '{}') as Partial<LinearIntentTrainerOptions>;

/**
 * parley's intent classifier with its default settings, trained on the dataset's examples alone (no
 * built-in background utterances or topics: NLP.js gets none either, and the topics come from CLINC150). A training run that takes over a second
 * draws a progress bar on stderr when stderr is a terminal. $PARLEY_NLU_OPTIONS (JSON) overrides trainer
 * options, e.g. '{"wordVectors":null}' for TF-IDF alone.
 */
export const parleyBenchSystem: BenchSystem = {
  key: 'parley',
  async train(examples) {
    const bar = createProgressBar({ label: `parley: training on ${examples.length} examples` });
    const trainer = createLinearIntentTrainer({ backgroundUtterances: [], backgroundTopics: null, ...trainerOptions });
    const classifier = await trainer.train(examples, { onProgress: bar.update });
    bar.done();
    return {
      predict(text) {
        const prediction = classifier.classify(text);
        return { top: prediction.ranking[0]!.intent, score: prediction.confidence };
      },
    };
  },
};
