import type { LanguageModelEvent } from '../language-model.ts';
import type { GenerationRequest } from './generation-request.ts';
import type { OnnxModelLoadOptions } from './load-onnx-model.ts';
import type { ModelDownloadProgress } from './model-download-progress.ts';
import type { ExecutionDevice } from './onnx-device.ts';

/** An error as it crosses the thread boundary; revived into the parley error class of the same name. */
export interface SerializedError {
  name: string;
  message: string;
  retryable: boolean;
  /** The error's own fields (device, missing, tried, ...). */
  fields: Record<string, unknown>;
}

/** What a loaded model reports back. */
export interface LoadedModelInfo {
  modelId: string;
  device: ExecutionDevice;
  tried: ReadonlyArray<{ device: ExecutionDevice; error: string }>;
  vocabularySize: number;
}

/** Messages from the main thread to the decoding worker. */
export type ToWorkerMessage =
  | { type: 'load'; options: OnnxModelLoadOptions }
  | { type: 'generate'; id: number; request: GenerationRequest }
  | { type: 'abort'; id: number };

/** Messages from the decoding worker to the main thread. */
export type FromWorkerMessage =
  | { type: 'loaded'; info: LoadedModelInfo }
  | { type: 'load-error'; error: SerializedError }
  | { type: 'progress'; progress: ModelDownloadProgress }
  | { type: 'event'; id: number; event: LanguageModelEvent }
  | { type: 'error'; id: number; error: SerializedError };
