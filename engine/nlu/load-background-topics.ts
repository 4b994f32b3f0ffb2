import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../core/contracts/errors/index.ts';
import { type BackgroundTopics, parseBackgroundTopics } from './background-topics.ts';

/** The off-topic background shipped with parley: 142 CLINC150 topics, 20 utterances each (CC BY 3.0). */
export const builtinBackgroundTopicsPath = join(dirname(fileURLToPath(import.meta.url)), '../../models/background/off-topic.json');

/**
 * Reads a background-topics file. Throws a ConfigError when it cannot be read or is not JSON, and an
 * InputError when it is not a background-topics file.
 */
export function loadBackgroundTopics(path: string): BackgroundTopics {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('backgroundTopics', 'a readable parley background-topics JSON file', `${path} (${(error as Error).message})`);
  }
  return parseBackgroundTopics(value, path);
}

let builtin: BackgroundTopics | undefined;

/** The shipped background ({@link builtinBackgroundTopicsPath}), read once and shared. */
export function builtinBackgroundTopics(): BackgroundTopics {
  builtin ??= loadBackgroundTopics(builtinBackgroundTopicsPath);
  return builtin;
}
