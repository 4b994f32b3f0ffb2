import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import { isRetryableTurnError } from '../../core/leased-turn-processor.ts';
import type { HttpError } from './http-error.ts';
import { abortedRequestCode } from './read-body.ts';
import { sendJson } from './send-json.ts';

/** Where {@link sendRestError} answers, and how it words and logs what failed. */
export interface RestErrorContext {
  log: Logger;
  /** The request's path, for the log. */
  path: string;
  /** `Retry-After`, in seconds, of the 503 for a turn that could not be stored or is held by another process. */
  retryAfterS: number;
  /** What the request is, for the log lines ("REST request", "spoken turn"). */
  what: string;
}

function isHttpError(error: unknown): error is HttpError {
  return isParleyError(error) && error.name === 'HttpError';
}

/**
 * Answers a failed REST request (the REST channel's and the voice utterance route's) as JSON
 * `{ error: { code, message } }`: an `HttpError` with its status (a body left unread closes the connection); a
 * retryable turn error (store unavailable, lease held elsewhere) 503 with `Retry-After`, so the client sends the
 * same turn id again; an `InputError` 422; a request the client aborted gets no answer; anything else 500 without
 * its details, which go to the log.
 */
export function sendRestError(res: ServerResponse, error: unknown, context: RestErrorContext): void {
  const { log, path, what } = context;
  if ((isHttpError(error) && error.code === abortedRequestCode) || (error as { name?: unknown } | null)?.name === 'AbortError') {
    log.debug({ path }, `${what} aborted by the client`);
    res.destroy();
  } else if (isHttpError(error)) {
    // A body left unread (too large, too slow) is not drained: the connection closes after the answer.
    if (error.status === 408 || error.status === 413) res.setHeader('connection', 'close');
    sendJson(res, error.status, { error: { code: error.code, message: error.message } });
  } else if (isRetryableTurnError(error)) {
    log.warn({ err: error, path }, `${what} not stored; the client should retry`);
    res.setHeader('retry-after', String(context.retryAfterS));
    sendJson(res, 503, { error: { code: 'unavailable', message: 'the turn could not be stored; send it again with the same turnId' } });
  } else if (isParleyError(error) && error.name === 'InputError') {
    sendJson(res, 422, { error: { code: 'invalid_input', message: error.message } });
  } else {
    log.error({ err: error, path }, `${what} failed`);
    sendJson(res, 500, { error: { code: 'internal', message: `the ${what} failed; see the server log` } });
  }
}
