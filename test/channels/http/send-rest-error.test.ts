import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/contracts/errors/input-error.ts';
import { LeaseLostError } from '../../../core/contracts/errors/lease-lost-error.ts';
import { StoreUnavailableError } from '../../../core/contracts/errors/store-unavailable-error.ts';
import { HttpError } from '../../../channels/http/http-error.ts';
import { abortedRequestCode } from '../../../channels/http/read-body.ts';
import { sendRestError } from '../../../channels/http/send-rest-error.ts';

/** The error each path's handler throws; a real HTTP server answers it with sendRestError. */
const thrown: Record<string, () => unknown> = {
  '/http-413': () => new HttpError(413, 'body_too_large', 'the body is over 16384 bytes'),
  '/store': () => new StoreUnavailableError('sqlite', 'commit', new Error('disk I/O error')),
  '/lease': () => new LeaseLostError('c1', 3),
  '/input': () => new InputError('text', 'must not be empty'),
  '/bug': () => new TypeError("Cannot read properties of undefined (reading 'secret')"),
  '/aborted': () => new HttpError(400, abortedRequestCode, 'the client closed the request'),
};

const logged: Array<{ level: number; msg: string }> = [];
const log = pino({ level: 'debug' }, { write: (line: string) => logged.push(JSON.parse(line)) });
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    sendRestError(res, thrown[path]!(), { log, path, retryAfterS: 2, what: 'REST request' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function answer(path: string) {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe('sendRestError: one JSON error answer for the REST channel and the voice route', () => {
  it('an HttpError keeps its status and code; a body left unread closes the connection', async () => {
    const got = await answer('/http-413');
    expect(got.status).toBe(413);
    expect(got.body).toEqual({ error: { code: 'body_too_large', message: 'the body is over 16384 bytes' } });
    expect(got.headers.get('connection')).toBe('close');
  });

  it('a store outage or a lease held elsewhere is a 503 with Retry-After: send the same turn id again', async () => {
    for (const path of ['/store', '/lease']) {
      const got = await answer(path);
      expect(got.status, path).toBe(503);
      expect(got.headers.get('retry-after'), path).toBe('2');
      expect(got.body.error.code, path).toBe('unavailable');
    }
    expect(logged.filter((l) => l.msg === 'REST request not stored; the client should retry' && l.level === 40)).toHaveLength(2);
  });

  it('bad input is a 422 naming the field', async () => {
    const got = await answer('/input');
    expect(got.status).toBe(422);
    expect(got.body).toEqual({ error: { code: 'invalid_input', message: 'text: must not be empty' } });
  });

  it('anything else is a 500 that shows nothing of the error, which goes to the log', async () => {
    const got = await answer('/bug');
    expect(got.status).toBe(500);
    expect(got.body).toEqual({ error: { code: 'internal', message: 'the REST request failed; see the server log' } });
    expect(JSON.stringify(got.body)).not.toContain('secret');
    expect(logged.find((l) => l.msg === 'REST request failed')).toMatchObject({ level: 50 });
  });

  it('a request its client aborted gets no answer, and is logged at debug', async () => {
    await expect(fetch(`${base}/aborted`)).rejects.toThrow();
    expect(logged.find((l) => l.msg === 'REST request aborted by the client')).toMatchObject({ level: 20 });
  });
});
