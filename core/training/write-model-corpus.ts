import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ModelCorpus } from './model-corpus.ts';

/** Writes a corpus as JSON lines for the trainer: a header line, then one sample per line. */
export async function writeModelCorpus(corpus: ModelCorpus, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const header = { botName: corpus.botName, key: corpus.key, chatTemplate: corpus.chatTemplate, specialTokens: corpus.specialTokens, stats: corpus.stats };
  await writeFile(file, `${[header, ...corpus.samples].map((line) => JSON.stringify(line)).join('\n')}\n`);
}
