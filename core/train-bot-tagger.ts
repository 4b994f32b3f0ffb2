import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AnnotatedExample } from '../engine/entities/annotated-example.ts';
import { loadSequenceTagger } from '../engine/entities/load-sequence-tagger.ts';
import type { SequenceTagger } from '../engine/entities/sequence-tagger.ts';
import { serializedSequenceTaggerFormat } from '../engine/entities/serialized-sequence-tagger.ts';
import { defaultSequenceTaggerOptions, trainSequenceTagger } from '../engine/entities/train-sequence-tagger.ts';
import { trainingHash } from '../engine/nlu/training-hash.ts';

/** Options of {@link trainBotTagger}. */
export interface TrainBotTaggerOptions {
  /** Where trained taggers are cached by a hash of the examples and training settings. Default: no cache. */
  cacheDir?: string | undefined;
  log: Logger;
}

/**
 * The bot's entity tagger (default training settings, shipped word vectors), trained from its annotated examples or
 * loaded from the one trained before from the same examples (cache keyed by content hash, as the intent classifier
 * is), so a restart does not retrain. `undefined` when no example marks a span: there is nothing to learn.
 */
export async function trainBotTagger(examples: readonly AnnotatedExample[], options: TrainBotTaggerOptions): Promise<SequenceTagger | undefined> {
  if (!examples.some((e) => e.entities.length > 0)) return undefined;
  const hash = trainingHash([], {
    tagger: serializedSequenceTaggerFormat,
    settings: { ...defaultSequenceTaggerOptions },
    examples: examples.map((e) => [e.text, e.entities.map((s) => [s.entity, s.start, s.end])]),
  });
  const file = options.cacheDir ? join(options.cacheDir, `tagger-${hash.slice(0, 16)}.json`) : undefined;
  if (file) {
    try {
      const tagger = loadSequenceTagger(JSON.parse(await readFile(file, 'utf8')));
      options.log.debug({ file }, 'entity tagger loaded from cache');
      return tagger;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.log.warn({ err: error, file }, 'cached entity tagger unreadable; retraining');
    }
  }
  const started = performance.now();
  const tagger = trainSequenceTagger(examples);
  options.log.info({ examples: examples.length, entities: tagger.entities, trainMs: Math.round(performance.now() - started) }, 'entity tagger trained');
  if (file && options.cacheDir) {
    await mkdir(options.cacheDir, { recursive: true });
    // Written aside and renamed: a process starting at the same time reads the whole file or none.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(tagger.serialize()));
    await rename(temporary, file);
  }
  return tagger;
}
