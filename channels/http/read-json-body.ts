import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Milliseconds the client may take to send the whole body; then it gets 408. */
  timeoutMs: number;
}

/** The code of the `HttpError` a body the client stopped sending (closed the connection) ends in. */
export const abortedRequestCode = 'request_aborted';

/**
 * Reads a request body of at most `maxBytes` within `timeoutMs` and parses it as JSON. Throws `HttpError`:
 * 415 for another content type, 413 for a body too large, 408 for one too slow, 400 for bad JSON and
 * `request_aborted` (400) when the client went away mid-body.
 */
export async function readJsonBody(req: IncomingMessage, options: ReadJsonBodyOptions): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBytes)
    throw new HttpError(413, 'body_too_large', `the body is ${declared} bytes; the limit is ${options.maxBytes}`);
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: HttpError | undefined) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onClose);
      if (error) {
        // Whatever else comes is not read: stop the stream so it does not buffer.
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes)
        finish(new HttpError(413, 'body_too_large', `the body is over the limit of ${options.maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(undefined);
    const onAbort = () => finish(new HttpError(400, abortedRequestCode, 'the client closed the request before its body was complete'));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    const timer = setTimeout(
      () => finish(new HttpError(408, 'body_timeout', `the body took longer than ${options.timeoutMs} ms to arrive`)),
      options.timeoutMs,
    );
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}
