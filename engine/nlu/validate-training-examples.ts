import { InputError } from '../../core/contracts/errors/index.ts';
import type { TrainingExample } from './intent-classifier.ts';
import { tokenizeUtterance } from './tokenize-utterance.ts';

/**
 * Checks a training set and returns its distinct intents, sorted. Throws an InputError naming the
 * first offending field: no examples, a missing or blank text or intent, a text with no letters or
 * digits, or fewer than two distinct intents (a classifier needs something to tell apart).
 */
export function validateTrainingExamples(examples: readonly TrainingExample[]): string[] {
  if (!Array.isArray(examples)) throw new InputError('examples', 'must be an array of { text, intent }');
  if (examples.length === 0)
    throw new InputError('examples', 'must not be empty: give at least two intents with examples');
  const intents = new Set<string>();
  examples.forEach((example: unknown, i) => {
    if (typeof example !== 'object' || example === null) {
      throw new InputError(
        `examples[${i}]`,
        `must be an object { text, intent }, got ${JSON.stringify(example)}`,
      );
    }
    const { text, intent } = example as Partial<Record<keyof TrainingExample, unknown>>;
    if (typeof intent !== 'string' || intent.trim() === '') {
      throw new InputError(
        `examples[${i}].intent`,
        `must be a non-empty string, got ${JSON.stringify(intent)}`,
      );
    }
    if (typeof text !== 'string' || text.trim() === '') {
      throw new InputError(`examples[${i}].text`, `must be a non-empty string, got ${JSON.stringify(text)}`);
    }
    if (tokenizeUtterance(text).length === 0) {
      throw new InputError(
        `examples[${i}].text`,
        `has no letters or digits to learn from: ${JSON.stringify(text)}`,
      );
    }
    intents.add(intent);
  });
  if (intents.size < 2) {
    throw new InputError(
      'examples',
      `need at least 2 distinct intents to tell apart, got only ${JSON.stringify([...intents][0])}`,
    );
  }
  return [...intents].sort();
}
