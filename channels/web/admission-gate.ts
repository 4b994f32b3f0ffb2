import { type IncomingMessage, type Server as HttpServer, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { apiResponseHeaders } from '../http/send-json.ts';
import type { WebErrorCode } from './protocol.ts';

/** Why a request to the socket server is refused before socket.io sees it. */
export interface AdmissionRefusal {
  status: 403 | 429;
  code: WebErrorCode;
  message: string;
  /** For 429: milliseconds until a connection is accepted again (sent as `Retry-After`, in seconds). */
  retryAfterMs?: number;
}

/** Decides whether a request under the socket path may go on; undefined lets it through. */
export type Admit = (req: IncomingMessage) => AdmissionRefusal | undefined;

function refusalHead(refusal: AdmissionRefusal): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  const headers: Record<string, string> = {
    ...apiResponseHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  if (refusal.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000)));
  return { headers, body };
}

/**
 * Puts `admit` in front of every listener of `server` for requests and WebSocket upgrades under `path`, so a
 * refused polling request and a refused WebSocket upgrade get the same answer: 403 (foreign origin) or 429 with
 * `Retry-After` (too many connections), in the `{ error: { code, message } }` shape. engine.io alone would
 * answer a refused upgrade with 400 whatever the reason. `onRefused` hears of each refusal. Call after socket.io
 * is attached.
 */
export function installAdmissionGate(
  server: HttpServer,
  path: string,
  admit: Admit,
  onRefused: (req: IncomingMessage, refusal: AdmissionRefusal) => void = () => {},
): void {
  const under = (req: IncomingMessage) => (req.url ?? '').startsWith(path);
  const requestListeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  const upgradeListeners = server.listeners('upgrade') as Array<(req: IncomingMessage, socket: Duplex, head: Buffer) => void>;
  server.removeAllListeners('request');
  server.removeAllListeners('upgrade');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = under(req) ? admit(req) : undefined;
    if (refusal) {
      onRefused(req, refusal);
      const { headers, body } = refusalHead(refusal);
      res.writeHead(refusal.status, headers);
      res.end(body);
      return;
    }
    for (const listener of requestListeners) listener.call(server, req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = under(req) ? admit(req) : undefined;
    if (refusal) {
      onRefused(req, refusal);
      const { headers, body } = refusalHead(refusal);
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.on('error', () => {});
      socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${lines.join('')}\r\n${body}`);
      return;
    }
    if (upgradeListeners.length === 0) socket.destroy();
    for (const listener of upgradeListeners) listener.call(server, req, socket, head);
  });
}
