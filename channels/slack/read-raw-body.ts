import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error.ts';
import { abortedRequestCode } from '../http/read-json-body.ts';

/**
 * Reads a request body as raw bytes (a signature covers them byte for byte) of at most `maxBytes` within
 * `timeoutMs`. Throws `HttpError`: 413 too large, 408 too slow, `request_aborted` when the client went away.
 */
export async function readRawBody(req: IncomingMessage, options: { maxBytes: number; timeoutMs: number }): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > options.maxBytes)
    throw new HttpError(413, 'body_too_large', `the body is over the limit of ${options.maxBytes} bytes`);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: HttpError) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onClose);
      if (error) {
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes) finish(new HttpError(413, 'body_too_large', `the body is over the limit of ${options.maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onAbort = () => finish(new HttpError(400, abortedRequestCode, 'the client closed the request before its body was complete'));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    const timer = setTimeout(() => finish(new HttpError(408, 'body_timeout', `the body took longer than ${options.timeoutMs} ms to arrive`)), options.timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
}
