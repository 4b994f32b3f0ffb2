import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOnnxLanguageModel } from '../../engine/llm/onnx/create-onnx-language-model.ts';
import { createProgressBar } from '../../engine/nlu/progress-bar.ts';
import { ConfigError } from '../errors/config-error.ts';
import { evaluateModelOnCorpus, type ModelCorpusReport } from './evaluate-model-on-corpus.ts';
import { generateModelCorpus } from './generate-model-corpus.ts';
import type { ModelCorpus } from './model-corpus.ts';
import { writeModelCard } from './write-model-card.ts';
import { writeModelCorpus } from './write-model-corpus.ts';

/** Options of {@link trainModel}. */
export interface TrainModelOptions {
  botDir: string;
  /** Where the model directory is written. */
  out: string;
  /** Corpus, checkpoint and tokenizer merges; a run with the same directory resumes. */
  workDir: string;
  /** Training steps. Default 3000. */
  steps?: number;
  /** Model size: tiny (≈1 M parameters), small (≈3 M), base (≈15 M). Default tiny. */
  size?: 'tiny' | 'small' | 'base';
  /** Generated training conversations. Default 16000. */
  conversations?: number;
  /** The Python with torch. Default /usr/bin/python3 (Debian's python3-torch). */
  python?: string;
  /** Torch threads. Default 1 (measured faster than 2 on this 2-core machine). */
  threads?: number;
  /** Only evaluate the model already in `out` and rewrite its card. */
  evaluateOnly?: boolean;
}

/** The defaults of {@link TrainModelOptions}. */
export const defaultTrainModelOptions = { steps: 3000, size: 'tiny' as const, conversations: 16000, python: '/usr/bin/python3', threads: 1 };

const trainer = fileURLToPath(new URL('../../engine/llm/training/train-model.py', import.meta.url));

function run(python: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(python, [trainer, ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '1' } });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`the trainer (${python} ${trainer}) exited with ${code}`))));
  });
}

/**
 * `parley train-model`: generates the corpus from the bot's skills, trains and exports the model with
 * Debian's torch (resuming from the checkpoint in `workDir`), evaluates it on the held-out phrasings
 * through parley's own ONNX runtime, and writes the model card.
 * @throws ConfigError when the Python with torch is missing.
 */
export async function trainModel(options: TrainModelOptions): Promise<ModelCorpusReport> {
  const o = { ...defaultTrainModelOptions, ...options };
  const out = resolve(o.out);
  const corpusFile = join(o.workDir, 'corpus.jsonl');
  let corpus: ModelCorpus;
  if (existsSync(corpusFile)) {
    const [header, ...lines] = (await readFile(corpusFile, 'utf8')).trim().split('\n');
    corpus = { ...(JSON.parse(header!) as Omit<ModelCorpus, 'samples'>), samples: lines.map((l) => JSON.parse(l) as ModelCorpus['samples'][number]) };
    process.stderr.write(`corpus: ${corpus.samples.length} samples from ${corpusFile} (delete it to generate anew)\n`);
  } else {
    const bar = createProgressBar({ label: 'generating dialogues' });
    corpus = await generateModelCorpus({ botDir: o.botDir, conversations: o.conversations, onProgress: bar.update });
    bar.done();
    await writeModelCorpus(corpus, corpusFile);
  }
  if (!o.evaluateOnly) {
    if (!existsSync(o.python)) throw new ConfigError('--python', `a Python with torch (apt-get install python3-torch python3-onnx python3-regex libopenblas0-pthread)`, o.python);
    await run(o.python, ['--corpus', corpusFile, '--out', out, '--checkpoint', join(o.workDir, 'checkpoint.pt'), '--steps', String(o.steps), '--size', o.size, '--threads', String(o.threads)]);
  }
  const model = await createOnnxLanguageModel({ modelDir: out });
  try {
    const report = await evaluateModelOnCorpus(model, corpus.samples.filter((s) => s.split === 'heldout'));
    await writeModelCard({ modelDir: out, corpus, report, command: `npx parley train-model --bot ${o.botDir} --out ${o.out} --steps ${o.steps} --size ${o.size}` });
    return report;
  } finally {
    await model.close();
  }
}
