import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { InputError } from '../../../core/contracts/errors/input-error.ts';
import type { GenerateOptions, LanguageModel, LanguageModelEvent } from '../language-model.ts';
import { ExecutionProviderUnavailableError } from './execution-provider-unavailable-error.ts';
import { GenerationAdmission } from './generation-admission.ts';
import type { OnnxModelLoadOptions } from './load-onnx-model.ts';
import { missingProvider } from './missing-provider.ts';
import { ModelLoadError } from './model-load-error.ts';
import { defaultAutoDevices, type ExecutionDevice } from './onnx-device.ts';
import {
  defaultOnnxLanguageModelOptions as d,
  type OnnxLanguageModelOptions,
} from './onnx-language-model-options.ts';
import { OnnxWorkerClient } from './onnx-worker-client.ts';
import { createDownloadProgress } from './download-progress.ts';
import { toGenerationRequest } from './to-generation-request.ts';
import type { LoadedModelInfo } from './worker-protocol.ts';

/** A {@link LanguageModel} decoding in-process with onnxruntime, on a worker thread. */
export interface OnnxLanguageModel extends LanguageModel {
  readonly provider: 'onnx';
  /** The execution provider the model runs on. */
  readonly device: ExecutionDevice;
  /** Providers tried before `device` and why each could not run (device "auto"). */
  readonly triedDevices: LoadedModelInfo['tried'];
  /** Number of token ids the model scores. */
  readonly vocabularySize: number;
  /** Generations decoding now and waiting for a slot, and how many times a dead decoding worker was replaced. */
  activity(): { running: number; waiting: number; restarts: number };
  /** Stops the worker; generations in flight fail with GenerationFailedError. */
  close(): Promise<void>;
}

/** Fails fast, on the calling thread, for what needs no worker to find out. */
function checkBeforeLoading(options: OnnxLanguageModelOptions): void {
  if (options.modelDir !== undefined) {
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
      const dir = path.resolve(options.modelDir);
      if (!existsSync(path.join(dir, file))) throw new ModelLoadError(dir, `${file} is missing`);
    }
  } else if (options.hub === undefined) {
    throw new InputError('modelDir', 'set modelDir (a local model directory) or hub');
  }
  const device = options.device ?? d.device;
  const missing = device === 'auto' ? undefined : missingProvider(device);
  if (device !== 'auto' && missing)
    throw new ExecutionProviderUnavailableError(device, missing, [{ device, error: missing }]);
}

function loadOptions(options: OnnxLanguageModelOptions): OnnxModelLoadOptions {
  const { modelDir, hub, dtype, chatTemplate } = options;
  return {
    ...(modelDir !== undefined ? { modelDir } : {}),
    ...(modelDir === undefined && hub
      ? {
          hub: {
            id: hub.id,
            host: hub.host ?? d.hubHost,
            pathTemplate: hub.pathTemplate ?? d.hubPathTemplate,
            revision: hub.revision ?? d.hubRevision,
            cacheDir: hub.cacheDir ?? d.hubCacheDir,
          },
        }
      : {}),
    device: options.device ?? d.device,
    autoDevices: options.autoDevices ?? defaultAutoDevices,
    ...(dtype !== undefined ? { dtype } : {}),
    intraOpThreads: options.intraOpThreads ?? Math.max(1, availableParallelism() - 1),
    ...(chatTemplate !== undefined ? { chatTemplate } : {}),
  };
}

/**
 * Loads a local ONNX model directory (or a hub model, as an explicit option) and serves it as a
 * {@link LanguageModel}. Decoding runs on a worker thread, so the caller's event loop stays free; at most
 * `maxConcurrent` generations decode at once (interleaved step by step), the rest queue until
 * `queueTimeoutMs`.
 * @throws ModelLoadError, ExecutionProviderUnavailableError
 * @example
 * const model = await createOnnxLanguageModel({ modelDir: 'models/starter' });
 * for await (const event of model.stream({ messages: [{ role: 'user', content: 'hi' }] })) console.log(event);
 * await model.close();
 */
export async function createOnnxLanguageModel(options: OnnxLanguageModelOptions): Promise<OnnxLanguageModel> {
  checkBeforeLoading(options);
  const now = options.now ?? (() => performance.now());
  const defaults = {
    maxTokens: options.maxTokens ?? d.maxTokens,
    random: options.random ?? Math.random,
    ...(options.toolCallFormat ? { toolCallFormat: options.toolCallFormat } : {}),
  };
  const admission = new GenerationAdmission({
    maxConcurrent: options.maxConcurrent ?? d.maxConcurrent,
    queueTimeoutMs: options.queueTimeoutMs ?? d.queueTimeoutMs,
    now,
  });
  const onProgress = options.onProgress ?? (options.modelDir === undefined ? createDownloadProgress() : () => {});
  const startClient = () => OnnxWorkerClient.start(loadOptions(options), onProgress, options.startWorker);
  let client = await startClient();
  let restarts = 0;
  let restarting: Promise<OnnxWorkerClient> | undefined;
  let closed = false;
  const maxRestarts = options.maxRestarts ?? d.maxRestarts;
  /** The live worker; a dead one is replaced (up to maxRestarts times) and its error thrown once that fails too. */
  const live = async (): Promise<OnnxWorkerClient> => {
    if (!client.broken || closed || restarts >= maxRestarts) return client;
    restarting ??= startClient().then(
      (fresh) => {
        restarts++;
        client = fresh;
        restarting = undefined;
        return fresh;
      },
      (error: unknown) => {
        restarts++;
        restarting = undefined;
        throw error;
      },
    );
    return restarting;
  };

  async function* stream(call: GenerateOptions): AsyncGenerator<LanguageModelEvent> {
    const request = toGenerationRequest(call, defaults);
    const started = now();
    let release: () => void;
    try {
      release = await admission.acquire(call.signal);
    } catch (error) {
      if (!call.signal?.aborted) throw error;
      yield {
        type: 'finish',
        reason: 'abort',
        usage: { inputTokens: 0, outputTokens: 0, totalMs: now() - started },
      };
      return;
    }
    const queuedMs = now() - started;
    let generation: ReturnType<OnnxWorkerClient['generate']>;
    try {
      generation = (await live()).generate(request, release);
    } catch (error) {
      release();
      throw error;
    }
    call.signal?.addEventListener('abort', generation.abort, { once: true });
    let finished = false;
    try {
      while (!finished) {
        const event = await generation.channel.next();
        if (event.type !== 'finish') {
          yield event;
          continue;
        }
        finished = true;
        const { firstTokenMs, ...usage } = event.usage;
        const waited = firstTokenMs === undefined ? {} : { firstTokenMs: firstTokenMs + queuedMs };
        yield { ...event, usage: { ...usage, ...waited, totalMs: now() - started } };
      }
    } finally {
      call.signal?.removeEventListener('abort', generation.abort);
      // A consumer that stops early leaves the worker run to end at its next step; the slot frees then.
      if (!finished) generation.abort();
    }
  }

  const { modelId, device, tried, vocabularySize } = client.info;
  return {
    provider: 'onnx',
    modelId,
    device,
    triedDevices: tried,
    vocabularySize,
    stream,
    activity: () => ({ running: admission.running, waiting: admission.waiting, restarts }),
    close: async () => {
      closed = true;
      await restarting?.catch(() => undefined);
      await client.close();
    },
  };
}
