import { Agent, request } from 'node:http';

/** A JSON answer: the HTTP status and the parsed body (undefined when the body was empty). */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * A keep-alive HTTP client for one loopback server. Both systems under test get one of these with the same
 * settings (keep-alive, no socket limit), so connection handling costs the same on both sides.
 */
export interface JsonClient {
  post(path: string, body: unknown): Promise<JsonAnswer>;
  close(): void;
}

/** Creates a {@link JsonClient} for `http://127.0.0.1:<port>`, sending `headers` (e.g. the API key) too. */
export function createJsonClient(port: number, headers: Record<string, string> = {}): JsonClient {
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  return {
    post(path, body) {
      const payload = Buffer.from(JSON.stringify(body));
      return new Promise<JsonAnswer>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: '127.0.0.1',
            port,
            method: 'POST',
            path,
            headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              try {
                resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
              } catch {
                resolve({ status: res.statusCode ?? 0, body: text });
              }
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * How long both servers keep an idle keep-alive connection: 10 minutes instead of Node's 5 s, so the sockets
 * opened in the warm-up serve every later run. With 5 s they close while the other system runs, each run starts
 * by opening 50 connections (20–300 ms each on a loaded 2-core VM, which lands in p99), and a reuse racing the
 * server's close fails with ECONNRESET. Applied to parley's and the echo bot's server alike.
 */
export const benchKeepAliveMs = 600_000;

/** Reads a request body as UTF-8 text. */
export function readText(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
