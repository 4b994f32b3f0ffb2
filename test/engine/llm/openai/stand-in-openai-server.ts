import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireChatRequest, WireChunk, WireFinishReason, WireUsage } from '../../../../engine/llm/openai/openai-wire.ts';

/** What the stand-in answers to one request. */
export type StandInReply =
  /** An error status with a body and headers (e.g. 429 with Retry-After). */
  | { status: number; headers?: Record<string, string>; body?: string }
  /** The connection is destroyed before any answer. */
  | { reset: true }
  /** A 200 event stream with this body as it is (for malformed or error events). */
  | { sse: string }
  /** A streamed completion: text pieces, whole tool calls, then the finish and a usage chunk. */
  | {
      stream: {
        deltas?: readonly string[];
        toolCalls?: ReadonlyArray<{ name: string; arguments: string }>;
        finishReason?: WireFinishReason;
        usage?: WireUsage;
        /** Milliseconds between chunks. Default 0. */
        intervalMs?: number;
        /** Destroy the connection after this many text pieces instead of finishing. */
        resetAfter?: number;
        /** Receives `performance.now()` as each text piece is written (for latency measurements). */
        onSent?: (at: number) => void;
      };
    };

/** A request the stand-in received. */
export interface StandInRequest {
  body: WireChatRequest;
  headers: IncomingMessage['headers'];
  /** Milliseconds since the epoch when it arrived. */
  at: number;
}

/** A local OpenAI-compatible server answering from a script, speaking the real SSE wire format. */
export interface StandInServer {
  baseUrl: string;
  requests: StandInRequest[];
  /** Replies for the next requests, in order; once they run out, `fallback` answers. */
  script(...replies: StandInReply[]): void;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as WireChatRequest;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the stand-in on a free loopback port. */
export async function startStandInServer(fallback: StandInReply = { stream: { deltas: ['ok'] } }): Promise<StandInServer> {
  const queue: StandInReply[] = [];
  const requests: StandInRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    requests.push({ body: await readBody(req), headers: req.headers, at: Date.now() });
    const reply = queue.shift() ?? fallback;
    if ('reset' in reply) {
      req.socket.destroy();
      return;
    }
    if ('sse' in reply) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(reply.sse);
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? JSON.stringify({ error: { message: `status ${reply.status}`, type: 'server_error', code: null } }));
      return;
    }
    const s = reply.stream;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (choices: WireChunk['choices'], usage?: WireUsage): string => {
      const body: WireChunk = { id: 'chatcmpl-stand-in', object: 'chat.completion.chunk', created: 0, model: 'stand-in', choices, ...(usage ? { usage } : {}) };
      return `data: ${JSON.stringify(body)}\n\n`;
    };
    res.write(': keep-alive\n\n');
    res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    for (const [i, delta] of (s.deltas ?? []).entries()) {
      if (s.resetAfter === i) {
        // Let what was written reach the client before the connection dies.
        await pause(50);
        req.socket.destroy();
        return;
      }
      if (s.intervalMs) await pause(s.intervalMs);
      res.write(chunk([{ index: 0, delta: { content: delta }, finish_reason: null }]));
      s.onSent?.(performance.now());
    }
    for (const [index, call] of (s.toolCalls ?? []).entries()) {
      const half = Math.floor(call.arguments.length / 2);
      res.write(chunk([{ index: 0, delta: { tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: call.name, arguments: call.arguments.slice(0, half) } }] }, finish_reason: null }]));
      res.write(chunk([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: call.arguments.slice(half) } }] }, finish_reason: null }]));
    }
    res.write(chunk([{ index: 0, delta: {}, finish_reason: s.finishReason ?? (s.toolCalls?.length ? 'tool_calls' : 'stop') }]));
    if (s.usage) res.write(chunk([], s.usage));
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
