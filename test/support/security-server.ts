import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createParleyServer, type ParleyServer, type ParleyServerOptions } from '../../channels/http/create-parley-server.ts';
import type { Bot } from '../../core/create-bot.ts';
import { testApiKey } from './security-api-key.ts';

/** A parley server on a loopback port whose log lines (debug and up) are kept for assertions. */
export interface SecurityServer {
  server: ParleyServer;
  url: string;
  port: number;
  /** The log lines written so far, parsed. */
  logs(): Array<{ level: number; msg: string } & Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts `createParleyServer` for `bot` with the test API key and these options on 127.0.0.1, port 0; logs kept from `logLevel` (default debug) up. */
export async function startSecurityServer(
  bot: Bot,
  options: Partial<Omit<ParleyServerOptions, 'bot' | 'log'>> & { logLevel?: pino.Level } = {},
): Promise<SecurityServer> {
  const { logLevel = 'debug', ...serverOptions } = options;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      done();
    },
  });
  const server = createParleyServer({
    bot,
    botName: 'Acme store assistant',
    apiKeys: [testApiKey],
    ...serverOptions,
    log: pino({ level: logLevel }, sink),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    logs: () => lines.map((l) => JSON.parse(l) as { level: number; msg: string } & Record<string, unknown>),
    async close() {
      await server.web?.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
