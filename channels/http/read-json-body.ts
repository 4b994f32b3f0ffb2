import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';
import { readBody } from './read-body.ts';

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Milliseconds the client may take to send the whole body; then it gets 408. */
  timeoutMs: number;
}

export { abortedRequestCode } from './read-body.ts';

/**
 * Reads a request body of at most `maxBytes` within `timeoutMs` and parses it as JSON. Throws `HttpError`:
 * 415 for another content type, 413 for a body too large, 408 for one too slow, 400 for bad JSON and
 * `request_aborted` (400) when the client went away mid-body.
 */
export async function readJsonBody(req: IncomingMessage, options: ReadJsonBodyOptions): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  const body = await readBody(req, options);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}
