import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadAcme } from './load-acme.ts';
import { createFuzzCases, type FuzzCase } from './security-fuzz-cases.ts';
import { openRaw } from './security-raw-http.ts';
import { startSecurityServer } from './security-server.ts';
import type { ParleyServer } from '../../channels/http/create-parley-server.ts';
import { defaultWebChannelOptions } from '../../channels/web/web-channel.ts';

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Cases in flight at once. Default 32. */
  concurrency?: number;
  /** Called every `progressEvery` cases with the count done. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /** Awaited after each memory sample, with nothing in flight (e.g. to write a heap snapshot). */
  onSample?: (sample: MemorySample) => void | Promise<void>;
  /** Called when the run reaches a stage (a memory sample, cases done, server closed). */
  onStage?: (stage: string) => void;
  /**
   * After the cases, wait until socket.io has dropped the sessions and packets it keeps for the recovery window
   * (it sweeps them once a minute), then take one more memory sample. Default false.
   */
  settle?: boolean;
  /** The web channel's recovery window, in milliseconds. Default the channel's (120000). */
  recoveryWindowMs?: number;
}

/** What the server holds at a memory sample: state kept for socket.io's recovery window, and open connections. */
export interface ServerHoldings {
  /** Disconnected sockets kept so that they can be recovered (socket.io's connection state recovery). */
  recoverySessions: number;
  /** Broadcast packets kept for recovered sockets to replay. */
  recoveryPackets: number;
  /** engine.io connections open. */
  engineClients: number;
}

/** Heap and RSS at one point of a fuzz run. */
export interface MemorySample {
  /** Where: `10 %`, `50 %`, `100 %` of the cases, or `recovery window passed`. */
  label: string;
  casesDone: number;
  /** V8 heap in use after a full GC, in MB. */
  heapMb: number;
  /** Resident set size of the process (server and fuzzer together, worker threads included), in MB. */
  rssMb: number;
  /** Memory of C++ objects bound to JavaScript ones (buffers included), in MB. */
  externalMb: number;
  held: ServerHoldings;
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
  /** Cases still unanswered after 15 s (the fuzzer gives up on them), with their input. */
  stalled: Array<{ kind: FuzzCase['kind']; input: string }>;
  /** Uncaught exceptions and unhandled rejections in the process while it ran. */
  crashes: string[];
  /** Server log lines at level error or above. */
  errorLogs: Array<{ msg: string }>;
  /** RSS before the server started, in MB. */
  rssBeforeMb: number;
  /**
   * Heap after a GC and RSS once the server is up, after 10 %, 50 % and 100 % of the cases (each taken with no
   * case in flight), and, with `settle`, once the recovery window has passed.
   */
  memory: MemorySample[];
  /** Heap after a GC at 100 % minus at 50 %, in MB: what the second half of the cases left behind. */
  heapGrowthMb: number;
  durationMs: number;
}

const statusesIn = (text: string) => [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const toMb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** V8's full GC: `global.gc` under `--expose-gc`, otherwise exposed here (vitest workers run without the flag). */
function fullGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
let gc: (() => void) | undefined;

/** The private state socket.io's in-memory adapter keeps for connection state recovery, read for the report. */
function holdingsOf(server: ParleyServer): ServerHoldings {
  const io = server.web?.io;
  const adapter = io?.of('/').adapter as unknown as { sessions?: Map<string, unknown>; packets?: unknown[] } | undefined;
  return {
    recoverySessions: adapter?.sessions?.size ?? 0,
    recoveryPackets: adapter?.packets?.length ?? 0,
    engineClients: io?.engine.clientsCount ?? 0,
  };
}

/** Heap after full GCs (repeated, with turns of the event loop between, so finalizers and weak maps settle). */
async function sample(label: string, casesDone: number, server: ParleyServer): Promise<MemorySample> {
  gc ??= fullGc();
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return { label, casesDone, heapMb: toMb(usage.heapUsed), rssMb: toMb(usage.rss), externalMb: toMb(usage.external), held: holdingsOf(server) };
}

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
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Forwarded-For: ${fuzz.forwardedFor}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    return rawExchange(port, [upgrade, ...fuzz.frames], 30, true);
  }
  const statuses: number[] = [];
  const forwarded = { 'x-forwarded-for': fuzz.forwardedFor };
  const handshake = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: forwarded, signal: AbortSignal.timeout(3000) });
  statuses.push(handshake.status);
  const open = /"sid":"([^"]+)"/.exec(await handshake.text());
  if (!open) return statuses;
  const session = `${url}/socket.io/?EIO=4&transport=polling&sid=${open[1]}`;
  const posted = await fetch(session, {
    method: 'POST',
    headers: { ...forwarded, 'content-type': fuzz.contentType },
    body: new Uint8Array(fuzz.payload),
    signal: AbortSignal.timeout(3000),
  });
  statuses.push(posted.status);
  await posted.arrayBuffer();
  try {
    const polled = await fetch(session, { headers: forwarded, signal: AbortSignal.timeout(50) });
    statuses.push(polled.status);
    await polled.arrayBuffer();
  } catch {
    // A poll with nothing to send waits for the next ping: not an answer, not a failure.
  }
  await fetch(session, { method: 'POST', headers: { ...forwarded, 'content-type': 'text/plain' }, body: '1', signal: AbortSignal.timeout(3000) })
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
  return statuses;
}

/** Milliseconds after which a case counts as stalled; every exchange of {@link runCase} gives up well before. */
const stallMs = 15_000;

/** Fractions of the cases after which the heap is sampled. */
const marks = [0.1, 0.5, 1] as const;

/**
 * Runs `cases` seeded malformed inputs (raw HTTP requests to every route, engine.io polling payloads, raw
 * WebSocket frames carrying socket.io packets) against an in-process server of the Acme bot on SQLite, with the
 * default per-address limits behind a trusted proxy (each case forwards a random client address, so per-address
 * state meets as many clients as there are cases) and 500 ms header and body timeouts. The cases run in
 * segments up to each mark of {@link marks}; between segments nothing is in flight and the heap is sampled after
 * full GCs.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error)?.stack ?? error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const rssBeforeMb = toMb(process.memoryUsage().rss);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-fuzz-'));
  const loaded = await loadAcme({ store: 'sqlite', dataDir });
  const web = await startSecurityServer(loaded.bot, {
    // Only error lines are kept: 100,000 cases of debug lines would be the harness's memory, not the server's.
    logLevel: 'error',
    web: { streamChunkDelayMs: 0, ...(options.recoveryWindowMs === undefined ? {} : { recoveryWindowMs: options.recoveryWindowMs }) },
    // The default limits, behind a trusted proxy on loopback: each case comes from the address it forwards.
    trustProxy: ['127.0.0.1'],
    limits: { headersTimeoutMs: 500, bodyTimeoutMs: 500 },
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
    stalled: [],
    crashes,
    errorLogs: [],
    rssBeforeMb,
    memory: [],
    heapGrowthMb: 0,
    durationMs: 0,
  };
  const inputOf = (fuzz: FuzzCase) =>
    (fuzz.kind === 'http' ? fuzz.request : fuzz.kind === 'polling' ? fuzz.payload : Buffer.concat(fuzz.frames)).toString('latin1').slice(0, 300);
  const record = (fuzz: FuzzCase, statuses: number[]) => {
    for (const status of statuses) {
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (status < 500) continue;
      report.serverErrorCount += 1;
      if (report.serverErrors.length < 20) report.serverErrors.push({ status, kind: fuzz.kind, input: inputOf(fuzz) });
    }
  };
  const started = Date.now();
  let next = 0;
  const runUpTo = async (end: number) => {
    const worker = async () => {
      while (next < end) {
        const index = next++;
        const fuzz = source.next();
        report.byKind[fuzz.kind] += 1;
        let timer: NodeJS.Timeout | undefined;
        const stalled = new Promise<'stalled'>((resolve) => {
          timer = setTimeout(() => resolve('stalled'), stallMs);
        });
        const outcome = await Promise.race([
          runCase(web.port, web.url, fuzz).catch(() => {
            report.clientFailures += 1;
            return [] as number[];
          }),
          stalled,
        ]);
        clearTimeout(timer);
        const statuses = outcome === 'stalled' ? [] : outcome;
        if (outcome === 'stalled') report.stalled.push({ kind: fuzz.kind, input: inputOf(fuzz) });
        record(fuzz, statuses);
        if (options.onProgress && (index + 1) % (options.progressEvery ?? 10_000) === 0) options.onProgress(index + 1);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
  };
  report.memory.push(await sample('server up', 0, web.server));
  for (const mark of marks) {
    await runUpTo(Math.ceil(options.cases * mark));
    const taken = await sample(`${mark * 100} %`, next, web.server);
    report.memory.push(taken);
    options.onStage?.(`${taken.label} of the cases: heap ${taken.heapMb} MB after GC, RSS ${taken.rssMb} MB`);
    await options.onSample?.(taken);
  }
  report.durationMs = Date.now() - started;
  await sleep(200);
  const heapAt = (label: string) => report.memory.find((m) => m.label === label)!.heapMb;
  report.heapGrowthMb = Math.round((heapAt('100 %') - heapAt('50 %')) * 10) / 10;
  options.onStage?.('every case answered');
  if (options.settle) {
    const window = options.recoveryWindowMs ?? defaultWebChannelOptions.recoveryWindowMs;
    // socket.io's adapter sweeps expired sessions and packets once a minute.
    const deadline = Date.now() + window + 61_000;
    while (Date.now() < deadline) {
      const held = holdingsOf(web.server);
      if (held.recoverySessions === 0 && held.recoveryPackets === 0) break;
      await sleep(1000);
    }
    const settled = await sample('recovery window passed', next, web.server);
    report.memory.push(settled);
    options.onStage?.(`${settled.label}: heap ${settled.heapMb} MB after GC, RSS ${settled.rssMb} MB`);
    await options.onSample?.(settled);
  }
  report.errorLogs = web.logs().filter((l) => l.level >= 50).slice(0, 20);
  await web.close();
  options.onStage?.('server closed');
  await loaded.bot.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  return report;
}
