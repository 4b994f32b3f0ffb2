import { GenerationFailedError } from '../generation-failed-error.ts';
import type { LanguageModelEvent } from '../language-model.ts';
import { EventChannel } from './event-channel.ts';
import type { GenerationRequest } from './generation-request.ts';
import type { OnnxModelLoadOptions } from './load-onnx-model.ts';
import type { ModelDownloadProgress } from './model-download-progress.ts';
import { reviveError } from './revive-error.ts';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './start-ts-worker.ts';
import type { FromWorkerMessage, LoadedModelInfo, ToWorkerMessage } from './worker-protocol.ts';

/** The package's decoding worker, with the heavy plain-JS dependencies preloaded. */
export const startDecodingWorker = (): Worker =>
  startTsWorker(new URL('./onnx-worker.ts', import.meta.url), [
    import.meta.resolve('@huggingface/transformers'),
    import.meta.resolve('onnxruntime-node'),
  ]);

type Pending = { channel: EventChannel<LanguageModelEvent>; onEnd: () => void };

/** One generation running in the worker. */
export interface WorkerGeneration {
  /** Its events, ending with `finish`; fails with the worker's error. */
  channel: EventChannel<LanguageModelEvent>;
  /** Asks the worker to stop after the current step (it then sends `finish` with reason "abort"). */
  abort(): void;
}

/**
 * The main thread's side of the decoding worker: starts it, loads the model there and routes each
 * generation's events to its channel. When the worker dies or is closed, every generation in flight and
 * every later one fails with GenerationFailedError.
 */
export class OnnxWorkerClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #broken: Error | undefined;
  #info: LoadedModelInfo | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /** Starts a worker and loads the model in it. @throws ModelLoadError, ExecutionProviderUnavailableError */
  static async start(
    options: OnnxModelLoadOptions,
    onProgress: (p: ModelDownloadProgress) => void,
    startWorker: () => Worker = startDecodingWorker,
  ): Promise<OnnxWorkerClient> {
    const client = new OnnxWorkerClient(startWorker());
    const worker = client.#worker;
    // A worker that dies under a generation is replaced on the next one, so that failure is retryable.
    const failed = (message: string, cause?: unknown) =>
      client.#fail(
        new GenerationFailedError(client.#info?.modelId ?? 'onnx worker', message, {
          retryable: true,
          cause,
        }),
      );
    worker.on('error', (error) => failed(error.message, error));
    worker.on('exit', (code) => failed(`the decoding worker exited (code ${code})`));
    try {
      client.#info = await new Promise<LoadedModelInfo>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('exit', () => reject(client.#broken));
        worker.on('message', (message: FromWorkerMessage) => {
          if (message.type === 'loaded') resolve(message.info);
          else if (message.type === 'load-error') reject(reviveError(message.error));
          else if (message.type === 'progress') onProgress(message.progress);
          else client.#settle(message);
        });
        client.#post({ type: 'load', options });
      });
    } catch (error) {
      worker.removeAllListeners('exit');
      await worker.terminate();
      throw error;
    }
    return client;
  }

  /** True once the worker died or was closed: every generation fails. */
  get broken(): boolean {
    return this.#broken !== undefined;
  }

  /** What the worker loaded. */
  get info(): LoadedModelInfo {
    return this.#info!;
  }

  /** Starts a generation. `onEnd` runs once the worker is done with it (finished, failed or the worker gone). */
  generate(request: GenerationRequest, onEnd: () => void): WorkerGeneration {
    if (this.#broken) throw this.#broken;
    const id = this.#nextId++;
    const channel = new EventChannel<LanguageModelEvent>();
    this.#pending.set(id, { channel, onEnd });
    this.#post({ type: 'generate', id, request });
    return {
      channel,
      abort: () => {
        if (this.#pending.has(id)) this.#post({ type: 'abort', id });
      },
    };
  }

  /** Stops the worker; generations in flight fail with GenerationFailedError. */
  async close(): Promise<void> {
    this.#worker.removeAllListeners('exit');
    this.#fail(
      new GenerationFailedError(this.#info?.modelId ?? 'onnx worker', 'the model was closed', {
        retryable: false,
      }),
    );
    await this.#worker.terminate();
  }

  #post(message: ToWorkerMessage): void {
    this.#worker.postMessage(message);
  }

  #settle(message: Extract<FromWorkerMessage, { type: 'event' | 'error' }>): void {
    const p = this.#pending.get(message.id);
    if (!p) return;
    if (message.type === 'error') p.channel.fail(reviveError(message.error));
    else p.channel.push(message.event);
    if (message.type === 'error' || message.event.type === 'finish') {
      this.#pending.delete(message.id);
      p.onEnd();
    }
  }

  #fail(error: Error): void {
    this.#broken ??= error;
    for (const [id, p] of this.#pending) {
      this.#pending.delete(id);
      p.channel.fail(error);
      p.onEnd();
    }
  }
}
