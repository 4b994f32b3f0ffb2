import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAcme } from './load-acme.ts';
import { createFuzzCases, type FuzzCase } from './security-fuzz-cases.ts';
import { openRaw } from './security-raw-http.ts';
import { startSecurityServer } from './security-server.ts';

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Cases in flight at once. Default 32. */
  concurrency?: number;
  /** Called every `progressEvery` cases with the count done. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /** Called when the run reaches a stage (cases done, server closed). */
  onStage?: (stage: string) => void;
}

/** What a fuzz run found. */
export interface FuzzReport {
  cases: number;
  seed: number;
  byKind: Record<FuzzCase['kind'], number>;
  /** HTTP status codes seen (upgrade answers included), with their counts. */
  statuses: Record<string, number>;
  /** Answers 500 and up, with the case that got them (first 20). */
  serverErrors: Array<{ status: number; kind: FuzzCase['kind']; input: string }>;
  serverErrorCount: number;
  /** Cases whose connection could not be made or failed on the client side (not a server answer). */
  clientFailures: number;
  /** Uncaught exceptions and unhandled rejections in the process while it ran. */
  crashes: string[];
  /** Server log lines at level error or above. */
  errorLogs: Array<{ msg: string }>;
  /** RSS at the start, after the first tenth of the cases (caches warm), and at the end after a GC. */
  rssBeforeMb: number;
  rssWarmMb: number;
  /** V8 heap in use after a GC, after the first tenth and at the end. */
  heapWarmMb: number;
  heapAfterMb: number;
  rssAfterMb: number;
  durationMs: number;
}

const statusesIn = (text: string) => [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const heapMb = () => Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
const mb = () => Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;

async function rawExchange(port: number, chunks: Buffer[], waitMs: number, afterFirstAnswer = false): Promise<number[]> {
  const raw = await openRaw(port);
  const [first, ...rest] = chunks;
  raw.socket.write(first!);
  if (afterFirstAnswer) {
    const deadline = Date.now() + 2000;
    while (!raw.received().includes('\r\n\r\n') && Date.now() < deadline && !raw.socket.destroyed) await sleep(2);
    for (const chunk of rest) if (!raw.socket.destroyed) raw.socket.write(chunk);
  }
  await Promise.race([raw.closed, sleep(waitMs)]);
  raw.socket.destroy();
  return statusesIn(raw.received());
}

async function runCase(port: number, url: string, fuzz: FuzzCase): Promise<number[]> {
  if (fuzz.kind === 'http') return rawExchange(port, [fuzz.request], 3000);
  if (fuzz.kind === 'websocket') {
    const upgrade = Buffer.from(
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    return rawExchange(port, [upgrade, ...fuzz.frames], 30, true);
  }
  const statuses: number[] = [];
  const handshake = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { signal: AbortSignal.timeout(3000) });
  statuses.push(handshake.status);
  const open = /"sid":"([^"]+)"/.exec(await handshake.text());
  if (!open) return statuses;
  const session = `${url}/socket.io/?EIO=4&transport=polling&sid=${open[1]}`;
  const posted = await fetch(session, {
    method: 'POST',
    headers: { 'content-type': fuzz.contentType },
    body: new Uint8Array(fuzz.payload),
    signal: AbortSignal.timeout(3000),
  });
  statuses.push(posted.status);
  await posted.arrayBuffer();
  try {
    const polled = await fetch(session, { signal: AbortSignal.timeout(50) });
    statuses.push(polled.status);
    await polled.arrayBuffer();
  } catch {
    // A poll with nothing to send waits for the next ping: not an answer, not a failure.
  }
  await fetch(session, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '1', signal: AbortSignal.timeout(3000) })
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
  return statuses;
}

/**
 * Runs `cases` seeded malformed inputs (raw HTTP requests to every route, engine.io polling payloads, raw
 * WebSocket frames carrying socket.io packets) against an in-process server of the Acme bot on SQLite, with the
 * per-address limits off (one address sends everything) and 500 ms header and body timeouts.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error)?.stack ?? error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-fuzz-'));
  const loaded = await loadAcme({ store: 'sqlite', dataDir });
  const web = await startSecurityServer(loaded.bot, {
    // Only error lines are kept: 100,000 cases of debug lines would be the harness's memory, not the server's.
    logLevel: 'error',
    web: { streamChunkDelayMs: 0 },
    limits: {
      restRequestsPerAddress: false,
      socketConnectsPerAddress: false,
      socketMessagesPerAddress: false,
      socketMessagesPerConnection: false,
      openSocketsPerAddress: 100_000,
      pendingBodiesPerAddress: 100_000,
      headersTimeoutMs: 500,
      bodyTimeoutMs: 500,
    },
  });
  const source = createFuzzCases(options.seed);
  const report: FuzzReport = {
    cases: options.cases,
    seed: options.seed,
    byKind: { http: 0, polling: 0, websocket: 0 },
    statuses: {},
    serverErrors: [],
    serverErrorCount: 0,
    clientFailures: 0,
    crashes,
    errorLogs: [],
    rssBeforeMb: mb(),
    rssWarmMb: 0,
    heapWarmMb: 0,
    heapAfterMb: 0,
    rssAfterMb: 0,
    durationMs: 0,
  };
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < options.cases) {
      const index = next++;
      const fuzz = source.next();
      report.byKind[fuzz.kind] += 1;
      const statuses = await runCase(web.port, web.url, fuzz).catch(() => {
        report.clientFailures += 1;
        return [] as number[];
      });
      for (const status of statuses) {
        report.statuses[status] = (report.statuses[status] ?? 0) + 1;
        if (status >= 500) {
          report.serverErrorCount += 1;
          if (report.serverErrors.length < 20) {
            const input = fuzz.kind === 'http' ? fuzz.request : fuzz.kind === 'polling' ? fuzz.payload : Buffer.concat(fuzz.frames);
            report.serverErrors.push({ status, kind: fuzz.kind, input: input.toString('latin1').slice(0, 300) });
          }
        }
      }
      if (index + 1 === Math.ceil(options.cases / 10)) {
        (globalThis as { gc?: () => void }).gc?.();
        report.rssWarmMb = mb();
        report.heapWarmMb = heapMb();
      }
      if (options.onProgress && (index + 1) % (options.progressEvery ?? 10_000) === 0) options.onProgress(index + 1);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
  report.durationMs = Date.now() - started;
  options.onStage?.('every case answered');
  await sleep(200);
  report.errorLogs = web.logs().filter((l) => l.level >= 50).slice(0, 20);
  (globalThis as { gc?: () => void }).gc?.();
  report.rssAfterMb = mb();
  report.heapAfterMb = heapMb();
  await web.close();
  options.onStage?.('server closed');
  await loaded.bot.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  return report;
}
