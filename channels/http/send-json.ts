import type { ServerResponse } from 'node:http';

/**
 * Headers on every JSON answer: the body is never sniffed as another type, and no cache (browser or proxy)
 * keeps a transcript or an error.
 */
export const apiResponseHeaders = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;

/** Answers with a JSON body and the {@link apiResponseHeaders}. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...apiResponseHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
