import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainingExample } from '../../../engine/nlu/intent-classifier.ts';
import { trainingHash } from '../../../engine/nlu/training-hash.ts';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import type { SpokenReading, TrainingVoice } from './spoken-readings.ts';

/** Bumped whenever what is decoded or how it is stored changes, so old files stop matching. */
const readingsVersion = 'parley-spoken-readings/1';

/** What decides the readings: the examples, the language the recognizer listens for, the voices, the recognizer. */
export interface SpokenReadingsKey {
  examples: readonly TrainingExample[];
  language: SpeechLanguage;
  voices: readonly TrainingVoice[];
  /** The recognizer's backend and settings (JSON); readings made by another recognizer are not reused. */
  recognizer: unknown;
}

/** The file under `cacheDir` that holds the readings for `key`: `spoken-readings-<hash>.json`. */
export function spokenReadingsFile(cacheDir: string, key: SpokenReadingsKey): string {
  const language = createHash('sha256').update(JSON.stringify(key.language)).digest('hex');
  const hash = trainingHash(key.examples, { version: readingsVersion, language, voices: key.voices, recognizer: key.recognizer });
  return join(cacheDir, `spoken-readings-${hash.slice(0, 16)}.json`);
}

/** The readings stored for `key`, or undefined when there are none (never decoded, or the bot changed since). */
export async function loadSpokenReadings(cacheDir: string, key: SpokenReadingsKey): Promise<SpokenReading[] | undefined> {
  try {
    const stored = JSON.parse(await readFile(spokenReadingsFile(cacheDir, key), 'utf8')) as { version?: string; readings?: SpokenReading[] };
    return stored.version === readingsVersion && Array.isArray(stored.readings) ? stored.readings : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Stores the readings for `key` (written whole, then renamed, so a reader never sees half a file). */
export async function saveSpokenReadings(cacheDir: string, key: SpokenReadingsKey, readings: readonly SpokenReading[]): Promise<string> {
  const file = spokenReadingsFile(cacheDir, key);
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: readingsVersion, readings }));
  await rename(temporary, file);
  return file;
}
