import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** Debian's `redis-server` (package `redis-server`, installed by `.ci/run`). */
export const redisServerBinary = '/usr/bin/redis-server';

/** A real `redis-server` the tests started on a free loopback port, with its own data directory. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Its data directory (the append-only file lives there). */
  dir: string;
  /** Stops it (`SHUTDOWN`-like: SIGTERM, it writes what it holds) and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory, after {@link stop}; resolves once it answers PING. */
  restart(): Promise<void>;
  /** Stops it for good and removes its data directory. Safe to call twice. */
  destroy(): Promise<void>;
  /** A new ioredis client to it (close it with `quit()` or `disconnect()`). */
  client(): Redis;
}

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /**
   * Append-only file (with `appendfsync always`, every write is on disk before Redis answers), so that a stop and
   * restart keeps everything. Default true.
   */
  appendOnly?: boolean;
  /** How often the append-only file is synced: after every write, or once a second. Default "always". */
  appendfsync?: 'always' | 'everysec';
}

/** Whether Debian's redis-server is installed here. */
export function hasRedisServer(): boolean {
  return existsSync(redisServerBinary);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

async function waitForPing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output()}`);
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not listening yet
    } finally {
      probe.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within 15 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts Debian's `redis-server` on a free loopback port with a fresh temporary data directory, no config
 * file, and persistence as `options` say; resolves once it answers PING.
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  if (!hasRedisServer()) throw new Error(`no redis-server at ${redisServerBinary}: install Debian's package (apt-get install redis-server; .ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'));
  const port = await freePort();
  const appendOnly = options.appendOnly ?? true;
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', appendOnly ? 'yes' : 'no',
    '--appendfsync', options.appendfsync ?? 'always',
    '--daemonize', 'no',
    '--logfile', '',
    '--loglevel', 'warning',
  ];
  let child: ChildProcess | undefined;
  let output = '';
  let destroyed = false;
  const launch = async () => {
    output = '';
    const started = spawn(redisServerBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child = started;
    await waitForPing(port, started, () => output);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    restart: async () => {
      if (child) throw new Error('redis-server is running; stop it first');
      await launch();
    },
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    client: () => {
      const client = new Redis({ port, host: '127.0.0.1' });
      // A test that stops the server on purpose does not want reconnection noise.
      client.on('error', () => undefined);
      return client;
    },
  };
}
