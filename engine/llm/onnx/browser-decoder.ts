import { KvCacheDecoder } from './kv-cache-decoder.ts';
import { type KvCacheConfig, readKvCacheLayout } from './kv-cache-layout.ts';
import { sampleToken } from './sample-token.ts';

/** Options of {@link createBrowserDecoder}. */
export interface BrowserDecoderOptions {
  /** URL of the decoder graph, e.g. `/models/starter/onnx/model.onnx`. */
  modelUrl: string;
  /** The model's `config.json` (head counts when the graph leaves them symbolic). */
  config: KvCacheConfig;
  /** `wasm` (CPU, every browser) or `webgpu`. Explicit: a missing WebGPU is an error, not a silent fallback. */
  device: 'wasm' | 'webgpu';
  /** Where onnxruntime-web's `.wasm` files are served from (a URL ending in `/`). */
  wasmPaths: string;
  /** WebAssembly threads; more than 1 needs a cross-origin isolated page. Default 1. */
  threads?: number;
}

/** Greedy decoding in the browser: the same KV-cache decoder parley runs in Node, on onnxruntime-web. */
export interface BrowserDecoder {
  /** Decodes greedily after `promptIds` until a stop id or `maxTokens`; the new ids and the time per phase. */
  greedy(promptIds: readonly number[], maxTokens: number, stopIds: readonly number[]): Promise<{ ids: number[]; prefillMs: number; decodeMs: number }>;
  release(): Promise<void>;
}

const greedy = { temperature: 0, topP: 1, random: Math.random };
const argmax = (row: Float32Array) => sampleToken(row, greedy);

/**
 * Loads a decoder in the browser on onnxruntime-web.
 * @throws Error naming what is missing when `device` is `webgpu` and the browser has no WebGPU adapter,
 * or when the graph is not a KV-cache decoder.
 */
export async function createBrowserDecoder(options: BrowserDecoderOptions): Promise<BrowserDecoder> {
  // The WebAssembly-only build for "wasm": the default bundle's WebGPU-capable runtime decodes several times slower on the CPU.
  const ort = options.device === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.threads ?? 1;
  if (options.device === 'webgpu') {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu || !(await gpu.requestAdapter())) throw new Error('device "webgpu" needs a browser with WebGPU and a GPU adapter; use "wasm" here');
  }
  const session = await ort.InferenceSession.create(options.modelUrl, { executionProviders: [options.device] });
  const layout = readKvCacheLayout(session, options.config);
  if (Array.isArray(layout)) throw new Error(`${options.modelUrl} is not a KV-cache decoder: ${layout.join('; ')}`);
  return {
    async greedy(promptIds, maxTokens, stopIds) {
      const decoder = new KvCacheDecoder(session, layout);
      const stops = new Set(stopIds);
      const t0 = performance.now();
      let next = argmax(await decoder.next(promptIds));
      const prefillMs = performance.now() - t0;
      const ids = [next];
      while (ids.length < maxTokens && !stops.has(next)) {
        next = argmax(await decoder.next([next]));
        ids.push(next);
      }
      return { ids, prefillMs, decodeMs: performance.now() - t0 - prefillMs };
    },
    release: () => session.release(),
  };
}
