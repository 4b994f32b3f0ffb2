import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParleyServer } from '../../../channels/http/create-parley-server.ts';
import { readWebEnvironment } from '../../../channels/web/web-environment.ts';
import { loadWebSecret } from '../../../channels/web/web-secrets.ts';
import type { ParleyConfig } from '../../../core/config/parley-config.ts';
import { loadBotDirectory } from '../../../core/load-bot-directory.ts';
import { testApiKey, testAuthorization } from '../../support/security-api-key.ts';
import { benchKeepAliveMs, createJsonClient } from './http-client.ts';
import type { TurnTarget } from './target.ts';

/** Options of {@link createParleyTarget}. */
export interface ParleyTargetOptions {
  /** The bot directory. Default `examples/acme`. */
  botDir?: string;
  /** pino level for the bot's log (stderr). Default "warn" (`parley start` logs "info", one line per turn). */
  logLevel?: ParleyConfig['logLevel'];
}

/** What {@link createParleyTarget} returns: the target plus where its data lives and how it was set up. */
export interface ParleyTarget extends TurnTarget {
  readonly dataDir: string;
  /** Milliseconds loadBotDirectory took (classifier training included; the cache dir is fresh). */
  readonly loadMs: number;
}

/**
 * The server `parley start --bot examples/acme` runs (loadBotDirectory, then createParleyServer with the web
 * channel on), on a loopback port, with a SQLite store in a fresh temporary data directory and no language
 * model: the environment is not read (so PARLEY_MODEL cannot add one) and routing is "classifier", so every turn
 * is the dialogue core. Turns go to `POST /api/conversations/{id}/messages`.
 */
export async function createParleyTarget(options: ParleyTargetOptions = {}): Promise<ParleyTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-turn-bench-'));
  const started = performance.now();
  const loaded = await loadBotDirectory(options.botDir ?? 'examples/acme', {
    env: {},
    overrides: {
      store: 'sqlite',
      dataDir,
      routing: 'classifier',
      host: '127.0.0.1',
      port: 0,
      logLevel: options.logLevel ?? 'warn',
    },
  });
  const loadMs = performance.now() - started;
  if (loaded.config.model !== undefined)
    throw new Error('turn bench: the parley bot must run without a model');
  const { config, log } = loaded;
  const secret = await loadWebSecret({ dataDir: config.dataDir, env: {} });
  const server = createParleyServer({
    bot: loaded.bot,
    botName: loaded.definition.name,
    ...(loaded.definition.description ? { botDescription: loaded.definition.description } : {}),
    log,
    apiKeys: [testApiKey],
    // One bench client sends every turn from one address: the per-address limit would pace it.
    limits: { restRequestsPerAddress: false },
    maxBodyBytes: config.http.maxBodyBytes,
    web: { secret, ...readWebEnvironment({}) },
  });
  server.keepAliveTimeout = benchKeepAliveMs;
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  const client = createJsonClient(port, testAuthorization);
  let turnNo = 0;

  return {
    name: 'parley',
    description: `parley REST turn, ${loaded.definition.name}, SQLite store, classifier only (no model)`,
    dataDir,
    loadMs,
    async turn(conversationId, text) {
      turnNo += 1;
      const answer = await client.post(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
        text,
        turnId: `bench-${turnNo}`,
      });
      const body = answer.body as { status?: string; reply?: unknown } | undefined;
      if (answer.status !== 200 || body?.status !== 'completed' || typeof body.reply !== 'string') {
        throw new Error(`parley: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
      }
      return body.reply;
    },
    async close() {
      client.close();
      await server.web?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await loaded.bot.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
