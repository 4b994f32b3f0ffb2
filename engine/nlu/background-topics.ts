import { InputError } from '../../core/contracts/errors/index.ts';

/** Value of `format` in every {@link BackgroundTopics} file. */
export const backgroundTopicsFormat = 'parley-background-topics';

/**
 * Off-topic utterances grouped by topic, for a trainer to learn what a bot is not for. A topic that a
 * bot turns out to handle is left out for that bot as a whole (see `LinearIntentTrainerOptions.backgroundTopics`).
 */
export interface BackgroundTopics {
  format: typeof backgroundTopicsFormat;
  version: 1;
  /** Names this corpus in a trained model's settings, so a model is retrained when it changes. */
  name: string;
  /** Where the utterances come from and under which licence. */
  source: string;
  /** Topic name → its utterances. */
  topics: Record<string, string[]>;
}

/** Checks that `value` is a {@link BackgroundTopics}; throws an InputError naming the first bad field. */
export function parseBackgroundTopics(value: unknown, label = 'background topics'): BackgroundTopics {
  const fail = (problem: string): never => {
    throw new InputError(label, problem);
  };
  if (typeof value !== 'object' || value === null) return fail('must be a JSON object');
  const v = value as Partial<Record<keyof BackgroundTopics, unknown>>;
  if (v.format !== backgroundTopicsFormat || v.version !== 1) {
    fail(`expected format "${backgroundTopicsFormat}" version 1, got ${JSON.stringify(v.format)} version ${JSON.stringify(v.version)}`);
  }
  if (typeof v.name !== 'string' || v.name === '') fail('name must be a non-empty string');
  if (typeof v.source !== 'string') fail('source must be a string');
  if (typeof v.topics !== 'object' || v.topics === null || Array.isArray(v.topics)) fail('topics must be an object of string arrays');
  for (const [topic, texts] of Object.entries(v.topics as object)) {
    if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) {
      fail(`topics.${topic} must be an array of strings`);
    }
  }
  return value as BackgroundTopics;
}
