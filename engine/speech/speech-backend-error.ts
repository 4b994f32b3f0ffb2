import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/**
 * A remote speech server answered with an error or could not be reached. `status` is the HTTP status (absent when
 * no answer came), `body` the start of the error answer; retryable for 429, 5xx and network failures.
 */
export class SpeechBackendError extends ParleyError {
  constructor(
    readonly provider: string,
    message: string,
    readonly status: number | undefined,
    readonly body: string,
    retryable: boolean,
    cause?: unknown,
  ) {
    super('SpeechBackendError', `${provider} speech server: ${message}`, { retryable, cause });
  }
}
