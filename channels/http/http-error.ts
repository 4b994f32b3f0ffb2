import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** An error answered with an HTTP status and a JSON body `{ error: { code, message } }`. */
export class HttpError extends ParleyError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super('HttpError', message, { retryable: status >= 500 });
  }
}
