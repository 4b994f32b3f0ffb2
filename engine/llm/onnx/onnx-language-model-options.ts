import type { Worker } from 'node:worker_threads';
import type { ModelDownloadProgress } from './model-download-progress.ts';
import type { ExecutionDevice, OnnxDevice } from './onnx-device.ts';

/** A model fetched from a Hugging Face–style hub instead of a local directory (a user option; never a default). */
export interface HubModelSource {
  /** Repository id, e.g. "onnx-community/Qwen2.5-0.5B-Instruct". */
  id: string;
  /** Base URL of the hub. Default "https://huggingface.co/". */
  host?: string;
  /** Path template under `host`, with `{model}` and `{revision}`. Default "{model}/resolve/{revision}/". */
  pathTemplate?: string;
  /** Branch, tag or commit. Default "main". */
  revision?: string;
  /** Directory that keeps downloaded files between runs. Default ".parley/models" under the working directory. */
  cacheDir?: string;
}

/** Options of {@link createOnnxLanguageModel}. Defaults are in {@link defaultOnnxLanguageModelOptions}. */
export interface OnnxLanguageModelOptions {
  /** A local model directory in the Hugging Face layout (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx). */
  modelDir?: string;
  /** Fetch the model from a hub instead; ignored when `modelDir` is set. */
  hub?: HubModelSource;
  /** Execution provider. Default "cpu". An explicit device that cannot run here throws ExecutionProviderUnavailableError. */
  device?: OnnxDevice;
  /** Providers "auto" tries, in order. Default {@link defaultAutoDevices}. */
  autoDevices?: readonly ExecutionDevice[];
  /** Weights variant: "fp32" (onnx/model.onnx), "fp16", "q8", "q4", ... Default: config.json's `transformers.js_config.dtype`, else fp32. */
  dtype?: string;
  /** Generations decoded at once; the rest wait in a queue. Default 2. */
  maxConcurrent?: number;
  /** Milliseconds a generation may wait for a slot before failing with GenerationQueueTimeoutError. Default 30,000. */
  queueTimeoutMs?: number;
  /** Upper bound on generated tokens when a call does not set `maxTokens`. Default 512. */
  maxTokens?: number;
  /**
   * Threads onnxruntime uses inside one step. Default: one less than the machine's cores (at least one), so
   * a core stays free for the event loop; 0 lets onnxruntime decide (one per core).
   */
  intraOpThreads?: number;
  /** A Jinja chat template replacing the tokenizer's (for models that ship none). Default: the tokenizer's. */
  chatTemplate?: string;
  /** Tool-call format; default detected from the chat template and config.json. */
  toolCallFormat?: 'hermes' | 'llama3' | 'mistral';
  /** Download progress of a hub model. Default: a progress bar on stderr; pass `() => {}` for silence. */
  onProgress?: (progress: ModelDownloadProgress) => void;
  /** Seeds for calls that set temperature > 0 but no seed: uniform floats in [0, 1). Default Math.random. */
  random?: () => number;
  /** Monotonic milliseconds for usage timings. Default performance.now. */
  now?: () => number;
  /**
   * Times a decoding worker that died (out of memory, a crash in onnxruntime) is replaced by a fresh one
   * that loads the model again, on the next generation. Generations in flight when it died fail with a
   * retryable GenerationFailedError. Default 3.
   */
  maxRestarts?: number;
  /** Starts the decoding worker thread; for tests that need to stop one. Default: the package's worker. */
  startWorker?: () => Worker;
}

/** Defaults of {@link OnnxLanguageModelOptions}. */
export const defaultOnnxLanguageModelOptions = {
  device: 'cpu',
  maxConcurrent: 2,
  queueTimeoutMs: 30_000,
  maxTokens: 512,
  maxRestarts: 3,
  hubHost: 'https://huggingface.co/',
  hubPathTemplate: '{model}/resolve/{revision}/',
  hubRevision: 'main',
  hubCacheDir: '.parley/models',
} as const;
