import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import { isRetryableTurnError } from '../../core/leased-turn-processor.ts';
import { HttpError } from '../http/http-error.ts';
import { abortedRequestCode } from '../http/read-json-body.ts';
import { sendJson } from '../http/send-json.ts';
import { SlackAuthError } from './slack-auth-error.ts';

/**
 * Answers a failed Slack request with `{ error: { code, message } }`: 401 for a refused signature, the status of
 * an `HttpError`, 503 for a turn the store could not take (Slack retries), 422 for a malformed turn, 500 (logged)
 * otherwise. A request whose client went away is dropped.
 */
export function answerSlackError(error: unknown, res: ServerResponse, path: string, log: Logger): void {
  if (res.headersSent) return;
  if (error instanceof SlackAuthError) {
    log.warn({ reason: error.reason, path }, 'Slack request refused');
    sendJson(res, 401, { error: { code: 'unauthorized', message: error.message } });
  } else if (error instanceof HttpError) {
    if (error.code === abortedRequestCode) return void res.destroy();
    if (error.status === 408 || error.status === 413) res.setHeader('connection', 'close');
    sendJson(res, error.status, { error: { code: error.code, message: error.message } });
  } else if (isRetryableTurnError(error)) {
    log.warn({ err: error, path }, 'Slack turn not stored; Slack retries');
    sendJson(res, 503, { error: { code: 'unavailable', message: 'the turn could not be stored' } });
  } else if (isParleyError(error) && error.name === 'InputError') {
    sendJson(res, 422, { error: { code: 'invalid_input', message: error.message } });
  } else {
    log.error({ err: error, path }, 'Slack request failed');
    sendJson(res, 500, { error: { code: 'internal', message: 'the request failed; see the server log' } });
  }
}
