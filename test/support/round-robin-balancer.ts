import { createServer, type IncomingMessage, request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A load balancer in front of parley nodes, for tests: plain round robin, or sticky by cookie. */
export interface Balancer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests (and WebSocket upgrades) sent to each backend so far. */
  readonly routed: readonly number[];
  close(): Promise<void>;
}

/** The cookie a sticky balancer pins a client to its node with (as HAProxy's `cookie … insert` does). */
export const stickyCookie = 'parley-node';

function pinnedNode(req: IncomingMessage, count: number): number | undefined {
  const match = new RegExp(`(?:^|;\\s*)${stickyCookie}=(\\d+)`).exec(req.headers.cookie ?? '');
  const index = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(index) && index < count ? index : undefined;
}

/**
 * Starts a reverse proxy on a free loopback port that sends each HTTP request and each WebSocket upgrade to the next
 * backend in turn; with `sticky`, a client that got the `parley-node` cookie always goes to the node that set it.
 * Headers (Host and Origin included) pass unchanged.
 */
export async function startBalancer(backends: readonly string[], options: { sticky: boolean }): Promise<Balancer> {
  const targets = backends.map((b) => new URL(b));
  const routed = targets.map(() => 0);
  let next = 0;
  const choose = (req: IncomingMessage) => {
    const pinned = options.sticky ? pinnedNode(req, targets.length) : undefined;
    const index = pinned ?? next++ % targets.length;
    routed[index]! += 1;
    return { index, target: targets[index]!, pin: options.sticky && pinned === undefined };
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const { index, target, pin } = choose(req);
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (pin) headers['set-cookie'] = [...(headers['set-cookie'] ?? []), `${stickyCookie}=${index}; Path=/; HttpOnly`];
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const { target } = choose(req);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the balancer has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    routed,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
