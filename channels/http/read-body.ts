import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Milliseconds the client may take to send the whole body; then it gets 408. */
  timeoutMs: number;
  /** What the body is, in the error messages. Default "body". */
  what?: string;
  /** The code of the 413. Default "body_too_large". */
  tooLargeCode?: string;
}

/** The code of the `HttpError` a body the client stopped sending (closed the connection) ends in. */
export const abortedRequestCode = 'request_aborted';

/**
 * Reads a request body as raw bytes, at most `maxBytes` (declared or sent) within `timeoutMs`. Throws
 * `HttpError`: 413 too large, 408 too slow, `request_aborted` (400) when the client went away mid-body.
 */
export function readBody(req: IncomingMessage, options: ReadBodyOptions): Promise<Buffer> {
  const what = options.what ?? 'body';
  const tooLarge = options.tooLargeCode ?? 'body_too_large';
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBytes)
    return Promise.reject(new HttpError(413, tooLarge, `the ${what} is ${declared} bytes; the limit is ${options.maxBytes}`));
  return new Promise<Buffer>((resolve, reject) => {
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
      if (size > options.maxBytes) finish(new HttpError(413, tooLarge, `the ${what} is over the limit of ${options.maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(undefined);
    const onAbort = () => finish(new HttpError(400, abortedRequestCode, 'the client closed the request before its body was complete'));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    const timer = setTimeout(
      () => finish(new HttpError(408, 'body_timeout', `the ${what} took longer than ${options.timeoutMs} ms to arrive`)),
      options.timeoutMs,
    );
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
}
