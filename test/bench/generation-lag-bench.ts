/**
 * Event-loop lag of the main thread while conversations generate with the onnx backend, and decode speed.
 *
 *   node --import tsx test/bench/generation-lag-bench.ts [--model DIR] [--tokens N] [--turns N]
 *
 * 1. Decode speed on one conversation (greedy, `--tokens` tokens, default 128): parley's own loop over the
 *    onnxruntime session (KV cache fed directly) against transformers.js `model.generate`, both on the
 *    calling thread, best of 3.
 * 2. Lag: `perf_hooks.monitorEventLoopDelay` (1 ms resolution) on the main thread while 1, 4 and 16
 *    conversations stream at once through `createOnnxLanguageModel` (worker thread, default
 *    maxConcurrent), each `--turns` sampled replies (default 20) of up to `--tokens` tokens, one after the
 *    other; the baseline is the same span of time with the model loaded and idle. For contrast, 4
 *    conversations decoded on the main thread (no worker) show what the worker saves.
 *
 * Model: the fixture test/fixtures/tiny-llama unless `--model` names another directory. Logs go to stderr;
 * the last line on stdout is one JSON object (times in ms).
 */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { AutoModelForCausalLM, env, Tensor } from '@huggingface/transformers';
import type { LanguageModelEvent } from '../../engine/llm/language-model.ts';
import {
  createOnnxLanguageModel,
  type OnnxLanguageModel,
} from '../../engine/llm/onnx/create-onnx-language-model.ts';
import { KvCacheDecoder } from '../../engine/llm/onnx/kv-cache-decoder.ts';
import { OnnxGenerator } from '../../engine/llm/onnx/onnx-generator.ts';
import { sampleToken } from '../../engine/llm/onnx/sample-token.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: fileURLToPath(new URL('../fixtures/tiny-llama', import.meta.url)) },
    tokens: { type: 'string', default: '128' },
    turns: { type: 'string', default: '20' },
  },
});
const modelDir = values.model;
const tokens = Number(values.tokens);
const turns = Number(values.turns);
const log = (line: string) => process.stderr.write(`${line}\n`);
const messages = (i: number) => [
  { role: 'system' as const, content: 'You are the Acme store assistant.' },
  { role: 'user' as const, content: i % 2 === 0 ? 'hello' : `where is my order 4521${i % 10}` },
];

const greedy = { temperature: 0, topP: 1, random: Math.random };

interface Lag {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Fraction of the time the main event loop was busy (performance.eventLoopUtilization). */
  loop_busy: number;
}

async function measureLag(run: () => Promise<void>): Promise<{ lag: Lag; wallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  const utilization = performance.eventLoopUtilization();
  histogram.enable();
  await run();
  histogram.disable();
  const busy = performance.eventLoopUtilization(utilization).utilization;
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    lag: {
      p50_ms: ms(histogram.percentile(50)),
      p99_ms: ms(histogram.percentile(99)),
      max_ms: ms(histogram.max),
      loop_busy: Math.round(busy * 1000) / 1000,
    },
    wallMs: performance.now() - started,
  };
}

async function drain(stream: AsyncIterable<LanguageModelEvent>): Promise<number> {
  let generated = 0;
  for await (const event of stream) if (event.type === 'finish') generated = event.usage.outputTokens;
  return generated;
}

async function decodeSpeed(): Promise<{ parley_tokens_per_s: number; transformers_js_tokens_per_s: number }> {
  const generator = await OnnxGenerator.load({ modelDir, device: 'cpu', autoDevices: [], intraOpThreads: 0 });
  const promptIds = generator.promptIds({ messages: messages(0) });
  let parley = 0;
  for (let round = 0; round < 3; round++) {
    // The loop of decodeTokens without its stop rules, so every round decodes exactly `tokens` tokens.
    const decoder = new KvCacheDecoder(generator.model.session, generator.model.layout);
    const started = performance.now();
    let next = promptIds;
    for (let n = 0; n < tokens; n++) next = [sampleToken(await decoder.next(next), greedy)];
    parley = Math.max(parley, tokens / ((performance.now() - started) / 1000));
  }
  env.allowRemoteModels = false;
  const model = await AutoModelForCausalLM.from_pretrained(modelDir.split('/').pop()!, {
    local_files_only: true,
  });
  const ids = new Tensor('int64', BigInt64Array.from(promptIds.map(BigInt)), [1, promptIds.length]);
  const mask = new Tensor('int64', new BigInt64Array(promptIds.length).fill(1n), [1, promptIds.length]);
  let transformers = 0;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await model.generate({
      input_ids: ids,
      attention_mask: mask,
      max_new_tokens: tokens,
      min_new_tokens: tokens,
      do_sample: false,
    });
    transformers = Math.max(transformers, tokens / ((performance.now() - started) / 1000));
  }
  return { parley_tokens_per_s: Math.round(parley), transformers_js_tokens_per_s: Math.round(transformers) };
}

async function concurrent(model: OnnxLanguageModel, conversations: number) {
  let generated = 0;
  const { lag, wallMs } = await measureLag(async () => {
    const runs = Array.from({ length: conversations }, async (_, i) => {
      let sum = 0;
      for (let turn = 0; turn < turns; turn++) {
        sum += await drain(
          model.stream({
            messages: messages(i + turn),
            maxTokens: tokens,
            temperature: 0.8,
            seed: i * 100 + turn,
          }),
        );
      }
      return sum;
    });
    generated = (await Promise.all(runs)).reduce((a, b) => a + b, 0);
  });
  return {
    conversations,
    ...lag,
    wall_ms: Math.round(wallMs),
    tokens: generated,
    tokens_per_s: Math.round(generated / (wallMs / 1000)),
  };
}

async function onMainThread(generator: OnnxGenerator, conversations: number) {
  let generated = 0;
  const { lag, wallMs } = await measureLag(async () => {
    await Promise.all(
      Array.from({ length: conversations }, async (_, i) => {
        for (let turn = 0; turn < turns; turn++) {
          const request = {
            messages: messages(i + turn),
            maxTokens: tokens,
            temperature: 0.8,
            topP: 1,
            seed: i * 100 + turn,
            stop: [],
            toolChoice: 'auto' as const,
          };
          for await (const event of generator.generate(request, () => false)) {
            if (event.type === 'finish') generated += event.usage.outputTokens;
          }
        }
      }),
    );
  });
  return { conversations, ...lag, wall_ms: Math.round(wallMs), tokens: generated };
}

env.localModelPath = `${modelDir.split('/').slice(0, -1).join('/')}/`;
const speed = await decodeSpeed();
log(
  `decode speed, one conversation: parley loop ${speed.parley_tokens_per_s} tokens/s, transformers.js generate ${speed.transformers_js_tokens_per_s} tokens/s`,
);

const model = await createOnnxLanguageModel({ modelDir, queueTimeoutMs: 600_000 });
const runs = [];
for (const n of [1, 4, 16]) runs.push(await concurrent(model, n));
const baselines: Lag[] = [];
for (const run of runs) {
  const { lag } = await measureLag(() => new Promise((resolve) => setTimeout(resolve, run.wall_ms)));
  baselines.push(lag);
}
await model.close();
const mainThread = await onMainThread(
  await OnnxGenerator.load({
    modelDir,
    device: 'cpu',
    autoDevices: [],
    intraOpThreads: Math.max(1, availableParallelism() - 1),
  }),
  4,
);

const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 0.001)) * 100) / 100;
const results = runs.map((run, i) => ({
  ...run,
  baseline_p50_ms: baselines[i]!.p50_ms,
  baseline_p99_ms: baselines[i]!.p99_ms,
  p50_ratio: ratio(run.p50_ms, baselines[i]!.p50_ms),
  p99_ratio: ratio(run.p99_ms, baselines[i]!.p99_ms),
}));
for (const r of results) {
  log(
    `${String(r.conversations).padStart(2)} conversations: lag p50 ${r.p50_ms} ms (x${r.p50_ratio}), p99 ${r.p99_ms} ms (x${r.p99_ratio}), ` +
      `max ${r.max_ms} ms, loop busy ${Math.round(r.loop_busy * 100)}%; ${r.tokens} tokens in ${r.wall_ms} ms (${r.tokens_per_s} tokens/s)`,
  );
}
log(
  `4 conversations decoded on the main thread instead: lag p50 ${mainThread.p50_ms} ms, p99 ${mainThread.p99_ms} ms, max ${mainThread.max_ms} ms, loop busy ${Math.round(mainThread.loop_busy * 100)}%`,
);
console.log(
  JSON.stringify({
    model: modelDir,
    max_new_tokens: tokens,
    decode: speed,
    worker: results,
    main_thread: mainThread,
  }),
);
