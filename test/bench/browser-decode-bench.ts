/**
 * Decode speed of a model in Chromium's WebAssembly build of onnxruntime (onnxruntime-web) against
 * onnxruntime-node in the same run, both one thread, the same KV-cache decoder and greedy loop.
 *
 *   node --import tsx test/bench/browser-decode-bench.ts [--model DIR] [--tokens N] [--threads N]
 *
 * The prompt is the first of the model's reference.json; `--tokens` new tokens (default 128) are decoded
 * without stopping at end-of-turn, best of 3 per runtime; `--threads` sets the browser's WebAssembly threads
 * (the page is cross-origin isolated; measured: 2 threads decode no faster than 1 on the starter model). Needs Debian's Chromium. Logs go to stderr; the
 * last line on stdout is one JSON object: tokens/s (decode only) and prefill ms per runtime, and the ratio
 * browser / node.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { OnnxGenerator } from '../../engine/llm/onnx/onnx-generator.ts';
import { KvCacheDecoder } from '../../engine/llm/onnx/kv-cache-decoder.ts';
import { sampleToken } from '../../engine/llm/onnx/sample-token.ts';
import { launchBrowser } from '../support/browser.ts';
import { serveBrowserDecoder } from '../support/serve-browser-decoder.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: fileURLToPath(new URL('../../models/starter', import.meta.url)) },
    tokens: { type: 'string', default: '128' },
    threads: { type: 'string', default: '1' },
  },
});
const modelDir = values.model;
const tokens = Number(values.tokens);
const log = (line: string) => process.stderr.write(`${line}\n`);
const reference = JSON.parse(readFileSync(`${modelDir}/reference.json`, 'utf8')) as { prompts: Array<{ promptIds: number[] }> };
const promptIds = reference.prompts[0]!.promptIds;
const config = JSON.parse(readFileSync(`${modelDir}/config.json`, 'utf8')) as Record<string, unknown>;

const greedy = { temperature: 0, topP: 1, random: Math.random };
const argmax = (row: Float32Array) => sampleToken(row, greedy);

async function nodeRun(generator: OnnxGenerator) {
  const decoder = new KvCacheDecoder(generator.model.session, generator.model.layout);
  const t0 = performance.now();
  let next = argmax(await decoder.next(promptIds));
  const prefillMs = performance.now() - t0;
  for (let i = 1; i < tokens; i++) next = argmax(await decoder.next([next]));
  return { prefillMs, decodeMs: performance.now() - t0 - prefillMs };
}

const best = (runs: Array<{ prefillMs: number; decodeMs: number }>) => ({
  tokens_per_s: Math.round(((tokens - 1) / Math.min(...runs.map((r) => r.decodeMs))) * 1000),
  prefill_ms: Math.round(Math.min(...runs.map((r) => r.prefillMs)) * 10) / 10,
});

const generator = await OnnxGenerator.load({ modelDir, device: 'cpu', autoDevices: [], intraOpThreads: 1 });
const site = await serveBrowserDecoder({ m: modelDir });
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => 'decoder' in window);
  await page.evaluate(async ({ config, threads }) => {
    const w = window as unknown as { decoder: { createBrowserDecoder(o: unknown): Promise<unknown> }; model: unknown };
    w.model = await w.decoder.createBrowserDecoder({ modelUrl: '/models/m/onnx/model.onnx', config, device: 'wasm', wasmPaths: '/ort/', threads });
  }, { config, threads: Number(values.threads) });
  const nodeRuns = [];
  const browserRuns = [];
  for (let i = 0; i < 3; i++) {
    nodeRuns.push(await nodeRun(generator));
    browserRuns.push(
      await page.evaluate(
        async ({ promptIds, tokens }) => {
          const m = (window as unknown as { model: { greedy(ids: number[], max: number, stops: number[]): Promise<{ prefillMs: number; decodeMs: number }> } }).model;
          const r = await m.greedy(promptIds, tokens, []);
          return { prefillMs: r.prefillMs, decodeMs: r.decodeMs };
        },
        { promptIds, tokens },
      ),
    );
    log(`run ${i + 1}: node ${nodeRuns.at(-1)!.decodeMs.toFixed(0)} ms, browser ${browserRuns.at(-1)!.decodeMs.toFixed(0)} ms for ${tokens - 1} tokens`);
  }
  const node = best(nodeRuns);
  const wasm = best(browserRuns);
  log(`decode tokens/s (1 thread): node ${node.tokens_per_s}, browser wasm ${wasm.tokens_per_s}; prompt ${promptIds.length} tokens`);
  process.stdout.write(`${JSON.stringify({ model: modelDir, prompt_tokens: promptIds.length, tokens, node, browser_wasm: wasm, browser_over_node: Math.round((wasm.tokens_per_s / node.tokens_per_s) * 100) / 100 })}\n`);
} finally {
  await browser.close();
  await site.close();
}
