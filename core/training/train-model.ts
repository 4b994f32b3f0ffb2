import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOnnxLanguageModel } from '../../engine/llm/onnx/create-onnx-language-model.ts';
import { ConfigError } from '../contracts/errors/config-error.ts';
import type { StartProgress } from '../progress-reporter.ts';
import { evaluateModelOnCorpus, type ModelCorpusReport } from './evaluate-model-on-corpus.ts';
import { generateModelCorpus, modelCorpusKeyOf } from './generate-model-corpus.ts';
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
  /** Generated training conversations. Default 24000. */
  conversations?: number;
  /** The Python with torch. Default /usr/bin/python3 (Debian's python3-torch). */
  python?: string;
  /** Torch threads. Default 1 (measured faster than 2 on this 2-core machine). */
  threads?: number;
  /** Only evaluate the model already in `out` and rewrite its card. */
  evaluateOnly?: boolean;
  /**
   * Export, evaluate and describe weights trained elsewhere instead of training here: the directory a
   * `train-model.py --weights-out` run wrote (on a GPU machine, say), with its merges and state. The
   * model size is read from it.
   */
  fromWeights?: string;
  /** Shows the progress of generating the corpus and of the evaluation. Default: nothing is shown. */
  progress?: StartProgress | undefined;
}

/** The defaults of {@link TrainModelOptions}. */
export const defaultTrainModelOptions = { steps: 3000, size: 'tiny' as const, conversations: 24000, python: '/usr/bin/python3', threads: 1 };

const trainer = fileURLToPath(new URL('../../engine/llm/training/train-model.py', import.meta.url));

async function readModelCorpus(file: string): Promise<ModelCorpus> {
  const [header, ...lines] = (await readFile(file, 'utf8')).trim().split('\n');
  return { ...(JSON.parse(header!) as Omit<ModelCorpus, 'samples'>), samples: lines.map((l) => JSON.parse(l) as ModelCorpus['samples'][number]) };
}

/** The state a `train-model.py --weights-out` run wrote next to its weights. */
async function readWeightsState(dir: string): Promise<{ size: TrainModelOptions['size'] }> {
  const file = join(dir, 'state.json');
  let state: { size?: unknown; shards?: unknown };
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as typeof state;
  } catch (error) {
    throw new ConfigError('--from-weights', `a directory written by train-model.py --weights-out (${(error as Error).message})`, dir);
  }
  if (state.size !== 'tiny' && state.size !== 'small' && state.size !== 'base') throw new ConfigError('--from-weights', `a state.json with a model size (tiny, small or base) in ${dir}`, String(state.size));
  for (let i = 0; i < Number(state.shards); i++) {
    const shard = join(dir, `weights-${String(i).padStart(2, '0')}.pt`);
    if (!existsSync(shard)) throw new ConfigError('--from-weights', `all ${state.shards} weight files in ${dir}`, `${shard} is missing`);
  }
  return { size: state.size };
}

/** Fails with a ConfigError naming the Debian packages when `python` cannot import what the trainer needs. */
async function checkPython(python: string): Promise<void> {
  const needs = 'apt-get install python3-torch python3-onnx python3-regex libopenblas0-pthread';
  if (!existsSync(python)) throw new ConfigError('--python', `a Python with torch (${needs})`, python);
  const ok = await new Promise<boolean>((done) => {
    const child = spawn(python, ['-c', 'import torch, onnx, regex'], { stdio: 'ignore' });
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
  });
  if (!ok) throw new ConfigError('--python', `a Python that can import torch, onnx and regex (${needs})`, python);
}

function run(python: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(python, [trainer, ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '1' } });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`the trainer (${python} ${trainer}) exited with ${code}`))));
  });
}

/** Where {@link trainModel} keeps the corpus of a work directory. */
export function modelCorpusFile(workDir: string): string {
  return join(workDir, 'corpus.jsonl');
}

/**
 * The training corpus in `workDir`, generated from the bot's skills unless one of the bot as it is now is
 * already there (a stale one is regenerated, and the checkpoint and tokenizer merges trained on it removed).
 * With `keep` (the option that needs the existing corpus) a stale corpus is an error instead.
 */
export async function prepareModelCorpus(
  options: Pick<TrainModelOptions, 'botDir' | 'workDir' | 'progress'> & { conversations?: number },
  keep?: string,
): Promise<ModelCorpus> {
  const o = { conversations: defaultTrainModelOptions.conversations, ...options };
  const corpusFile = modelCorpusFile(o.workDir);
  const key = await modelCorpusKeyOf({ botDir: o.botDir, conversations: o.conversations });
  let corpus = existsSync(corpusFile) ? await readModelCorpus(corpusFile) : undefined;
  if (corpus && corpus.key !== key) {
    if (keep) throw new ConfigError(keep, `a corpus of the bot as it is now; ${corpusFile} was generated before its skills or the options changed`);
    process.stderr.write(`the bot's skills or the corpus options changed since ${corpusFile}: generating it anew and training from scratch\n`);
    for (const stale of ['checkpoint.pt', 'merges.json']) rmSync(join(o.workDir, stale), { force: true });
    corpus = undefined;
  }
  if (corpus) {
    process.stderr.write(`corpus: ${corpus.samples.length} samples from ${corpusFile}\n`);
  } else {
    const progress = o.progress?.('generating dialogues');
    try {
      corpus = await generateModelCorpus({ botDir: o.botDir, conversations: o.conversations, onProgress: (fraction) => progress?.update(fraction) });
    } finally {
      progress?.done();
    }
    await writeModelCorpus(corpus, corpusFile);
  }
  return corpus;
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
  const corpusFile = modelCorpusFile(o.workDir);
  const fromWeights = o.fromWeights === undefined ? undefined : { dir: resolve(o.fromWeights), ...(await readWeightsState(o.fromWeights)) };
  if (!o.evaluateOnly) await checkPython(o.python);
  const size = fromWeights?.size ?? o.size;
  const corpus = await prepareModelCorpus(o, fromWeights ? '--from-weights' : o.evaluateOnly ? '--evaluate-only' : undefined);
  if (fromWeights) {
    await run(o.python, ['--corpus', corpusFile, '--out', out, '--weights-in', fromWeights.dir, '--size', size]);
  } else if (!o.evaluateOnly) {
    await run(o.python, ['--corpus', corpusFile, '--out', out, '--checkpoint', join(o.workDir, 'checkpoint.pt'), '--steps', String(o.steps), '--size', o.size, '--threads', String(o.threads)]);
  }
  const model = await createOnnxLanguageModel({ modelDir: out });
  try {
    const progress = o.progress?.('evaluating on held-out phrasings');
    let report: ModelCorpusReport;
    try {
      report = await evaluateModelOnCorpus(model, corpus.samples.filter((s) => s.split === 'heldout'), (fraction) => progress?.update(fraction));
    } finally {
      progress?.done();
    }
    await writeModelCard({ modelDir: out, corpus, report, command: (steps) => `npx parley train-model --bot ${o.botDir} --out ${o.out} --steps ${steps} --size ${size} --conversations ${o.conversations}` });
    return report;
  } finally {
    await model.close();
  }
}
