import type { ServerResponse } from 'node:http';
import { apiResponseHeaders } from '../http/send-json.ts';

/** Writes server-sent events of JSON payloads, as OpenAI streams chat completions. */
export interface SseWriter {
  /** Sends one `data:` event; the headers go out with the first. Ignored once the client has gone. */
  send(payload: unknown): void;
  /** Sends `data: [DONE]` and ends the answer. */
  done(): void;
  /** Whether the headers have gone out. */
  readonly started: boolean;
}

/** An {@link SseWriter} on `res`, with `headers` added to the answer's. */
export function createSseWriter(res: ServerResponse, headers: Readonly<Record<string, string>> = {}): SseWriter {
  const start = () => {
    if (res.headersSent) return;
    res.writeHead(200, {
      ...apiResponseHeaders,
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise buffer the tokens.
      'x-accel-buffering': 'no',
    });
  };
  return {
    send(payload) {
      if (res.destroyed || res.writableEnded) return;
      start();
      res.write(`data: ${JSON.stringify(payload)}\n\n`);
    },
    done() {
      if (res.destroyed || res.writableEnded) return;
      start();
      res.end('data: [DONE]\n\n');
    },
    get started() {
      return res.headersSent;
    },
  };
}
