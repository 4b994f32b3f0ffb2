import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error.ts';
import { abortedRequestCode } from '../http/read-json-body.ts';

/**
 * Reads a request body of at most `maxBytes` within `timeoutMs`. Throws `HttpError`: 413 for a body too large
 * (declared or sent), 408 for one too slow, `request_aborted` when the client went away mid-body.
 */
export function readAudioBody(req: IncomingMessage, options: { maxBytes: number; timeoutMs: number }): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBytes)
    return Promise.reject(new HttpError(413, 'audio_too_large', `the audio is ${declared} bytes; the limit is ${options.maxBytes}`));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: HttpError | undefined) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onClose);
      if (error) {
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes) finish(new HttpError(413, 'audio_too_large', `the audio is over the limit of ${options.maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(undefined);
    const onAbort = () => finish(new HttpError(400, abortedRequestCode, 'the client closed the request before its body was complete'));
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    const timer = setTimeout(() => finish(new HttpError(408, 'body_timeout', `the audio took longer than ${options.timeoutMs} ms to arrive`)), options.timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
}
