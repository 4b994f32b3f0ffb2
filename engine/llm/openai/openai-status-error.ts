import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/**
 * An OpenAI-compatible server answered a chat-completions request with an error status. Retryable for 429 and
 * 5xx (the backend has retried those already when this surfaces), never for other 4xx: a bad key, an unknown
 * model or a malformed request will fail the same way again.
 */
export class OpenAIStatusError extends ParleyError {
  constructor(
    /** The model asked for. */
    readonly modelId: string,
    /** HTTP status of the last answer. */
    readonly status: number,
    /** The answer's body as the server sent it (at most a few kilobytes). */
    readonly body: string,
    /** Requests sent, retries included. */
    readonly attempts: number,
  ) {
    super('OpenAIStatusError', `${modelId}: the server answered ${status}${describe(body)} after ${attempts} attempt(s)`, {
      retryable: status === 429 || status >= 500,
    });
  }
}

/** The `error.message` of an OpenAI-shaped body, else the start of the body. */
function describe(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return `: ${message}`;
  } catch {
    // not JSON: quote it below
  }
  const text = body.trim().slice(0, 200);
  return text ? `: ${text}` : '';
}
