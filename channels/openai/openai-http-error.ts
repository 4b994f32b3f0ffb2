import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/**
 * An error the OpenAI-compatible endpoint answers with an HTTP status and OpenAI's error body
 * `{ error: { message, type, code, param } }`, so OpenAI clients raise their usual exceptions.
 */
export class OpenAIHttpError extends ParleyError {
  constructor(
    readonly status: number,
    /** OpenAI's error type: "invalid_request_error", "authentication_error", "rate_limit_error", "server_error", ... */
    readonly type: string,
    /** A stable code, e.g. "invalid_api_key", "model_not_found". */
    readonly code: string,
    message: string,
    /** The request field at fault, when there is one. */
    readonly param: string | null = null,
  ) {
    super('OpenAIHttpError', message, { retryable: status === 429 || status >= 500 });
  }
}
