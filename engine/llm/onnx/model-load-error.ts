import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/** A model directory or hub model could not be loaded: a file is missing or its graph is not a decoder we can drive. */
export class ModelLoadError extends ParleyError {
  constructor(
    /** The directory or hub id that was loaded. */
    readonly model: string,
    message: string,
    cause?: unknown,
  ) {
    super('ModelLoadError', `${model}: ${message}`, { cause });
  }
}
