import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/**
 * A chat-completions request got no complete answer: the connection was refused or reset, or the server sent
 * nothing within the timeout. Retryable; the backend has retried it already when this surfaces, or the stream
 * broke after text was delivered (then it cannot be retried without repeating that text).
 */
export class OpenAIConnectionError extends ParleyError {
  constructor(
    /** The model asked for. */
    readonly modelId: string,
    /** What went wrong, e.g. "connection reset" or "no answer within 60000 ms". */
    readonly reason: string,
    /** Requests sent, retries included. */
    readonly attempts: number,
    cause?: unknown,
  ) {
    super('OpenAIConnectionError', `${modelId}: ${reason} after ${attempts} attempt(s)`, { retryable: true, cause });
  }
}
