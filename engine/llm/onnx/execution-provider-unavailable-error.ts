import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/**
 * The execution provider asked for explicitly (`device: 'cuda'`, `'webgpu'`) cannot run on this machine.
 * `missing` says what is absent (a GPU adapter, the CUDA provider libraries); `tried` lists every
 * provider tried with onnxruntime's own message. Not retryable: the machine has to change.
 */
export class ExecutionProviderUnavailableError extends ParleyError {
  constructor(
    readonly device: string,
    readonly missing: string,
    readonly tried: ReadonlyArray<{ device: string; error: string }>,
    cause?: unknown,
  ) {
    super(
      'ExecutionProviderUnavailableError',
      `device '${device}' is not available here: ${missing}. Use device 'cpu', or 'auto' to fall back.`,
      { cause },
    );
  }
}
