import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** A generation failed inside the backend (the decoding worker crashed or the runtime threw mid-stream). */
export class GenerationFailedError extends ParleyError {
  constructor(
    /** The model that failed. */
    readonly modelId: string,
    message: string,
    options: { retryable: boolean; cause?: unknown },
  ) {
    super('GenerationFailedError', `${modelId}: ${message}`, options);
  }
}
