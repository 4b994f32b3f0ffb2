import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import { isRetryableTurnError } from '../../core/leased-turn-processor.ts';
import { HttpError } from '../http/http-error.ts';
import { OpenAIHttpError } from './openai-http-error.ts';

const typeOfStatus = (status: number) =>
  status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';

/**
 * The OpenAI-shaped answer for an error thrown while serving a request: the endpoint's own errors as they are,
 * the shared HTTP errors (body too large, bad JSON) with their status, malformed input 400, a turn the store
 * could not take or a model with no free slot 503 (the client retries), a remote model's failure (a raw model that
 * is itself served over HTTP) 502, and anything else 500, with `internal` set so the caller logs it.
 */
export function toOpenAIHttpError(error: unknown): { error: OpenAIHttpError; internal: boolean } {
  if (error instanceof OpenAIHttpError) return { error, internal: false };
  if (error instanceof HttpError)
    return { error: new OpenAIHttpError(error.status, typeOfStatus(error.status), error.code, error.message), internal: false };
  if (isRetryableTurnError(error))
    return { error: new OpenAIHttpError(503, 'server_error', 'unavailable', 'the turn could not be stored; send it again with the same Idempotency-Key'), internal: false };
  if (isParleyError(error) && error.name === 'GenerationQueueTimeoutError')
    return { error: new OpenAIHttpError(503, 'server_error', 'server_overloaded', error.message), internal: false };
  if (isParleyError(error) && (error.name === 'OpenAIStatusError' || error.name === 'OpenAIConnectionError'))
    return { error: new OpenAIHttpError(502, 'server_error', 'upstream_error', error.message), internal: false };
  if (isParleyError(error) && (error.name === 'InputError' || error.name === 'ToolCallsUnsupportedError')) {
    const field = (error as { field?: unknown }).field;
    return { error: new OpenAIHttpError(400, 'invalid_request_error', 'invalid_value', error.message, typeof field === 'string' ? field : null), internal: false };
  }
  return { error: new OpenAIHttpError(500, 'server_error', 'internal', 'the request failed; see the server log'), internal: true };
}
