/**
 * `npm run fuzz` — seeded malformed REST requests, engine.io polling payloads and raw WebSocket frames against an
 * in-process parley server. Prints the heap after a GC and RSS when the server is up, after 10 %, 50 % and 100 %
 * of the cases and once socket.io's recovery window has passed. Fails (exit 1) on any crash, any 5xx answer, any
 * error log line, any case left unanswered, or a heap after GC that grew more than `--heap-tolerance-mb` between
 * 50 % and 100 % of the cases.
 *
 * `--cases N` (default 100000), `--seed N` (default 15), `--concurrency N` (default 32), `--heap-tolerance-mb N`
 * (default 4), `--skip-settle` (no wait for the recovery window), `--json` (one line of JSON last on stdout).
 */
import { parseArgs } from 'node:util';
import { type FuzzReport, runFuzz } from '../support/security-fuzz-runner.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    'heap-tolerance-mb': { type: 'string' },
    'skip-settle': { type: 'boolean' },
    json: { type: 'boolean' },
  },
});
const cases = Number(values.cases ?? 100_000);
const seed = Number(values.seed ?? 15);
const concurrency = Number(values.concurrency ?? 32);
const toleranceMb = Number(values['heap-tolerance-mb'] ?? 4);
for (const [name, value] of Object.entries({ cases, seed, concurrency, 'heap-tolerance-mb': toleranceMb }))
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of 0 or more`);

const report = await runFuzz({
  cases,
  seed,
  concurrency,
  settle: !values['skip-settle'],
  onProgress: (done) => process.stderr.write(`fuzz: ${done}/${cases}\n`),
  onStage: (stage) => process.stderr.write(`fuzz: ${stage}\n`),
});

const memoryTable = (memory: FuzzReport['memory']) =>
  [
    '| point | cases | heap after GC (MB) | RSS (MB) | external (MB) | recovery sessions | recovery packets | engine.io clients |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...memory.map(
      (m) =>
        `| ${m.label} | ${m.casesDone} | ${m.heapMb} | ${m.rssMb} | ${m.externalMb} | ${m.held.recoverySessions} | ${m.held.recoveryPackets} | ${m.held.engineClients} |`,
    ),
  ].join('\n');

const heapGrew = report.heapGrowthMb > toleranceMb;
process.stdout.write(
  `fuzz: ${report.cases} cases (seed ${report.seed}; ${report.byKind.http} HTTP, ${report.byKind.polling} polling, ${report.byKind.websocket} WebSocket) in ${(report.durationMs / 1000).toFixed(1)} s\n` +
    `statuses: ${JSON.stringify(report.statuses)}\n` +
    `5xx: ${report.serverErrorCount}, crashes: ${report.crashes.length}, error log lines: ${report.errorLogs.length}, unanswered cases: ${report.stalled.length}, client-side connection failures: ${report.clientFailures}\n` +
    `RSS before the server started: ${report.rssBeforeMb} MB\n${memoryTable(report.memory)}\n` +
    `heap after GC from 50 % to 100 % of the cases: ${report.heapGrowthMb >= 0 ? '+' : ''}${report.heapGrowthMb} MB (tolerance ${toleranceMb} MB): ${heapGrew ? 'GROWING' : 'flat'}\n`,
);
const failed =
  report.serverErrorCount > 0 || report.crashes.length > 0 || report.errorLogs.length > 0 || report.stalled.length > 0 || heapGrew;
if (failed)
  process.stdout.write(
    `${JSON.stringify({ serverErrors: report.serverErrors, crashes: report.crashes, errorLogs: report.errorLogs, stalled: report.stalled.slice(0, 20) }, null, 2)}\n`,
  );
if (values.json)
  process.stdout.write(
    `${JSON.stringify({
      cases: report.cases,
      seed: report.seed,
      duration_s: report.durationMs / 1000,
      server_errors: report.serverErrorCount,
      crashes: report.crashes.length,
      error_logs: report.errorLogs.length,
      stalled: report.stalled.length,
      heap_growth_mb: report.heapGrowthMb,
      heap_tolerance_mb: toleranceMb,
      memory: report.memory,
      ok: !failed,
    })}\n`,
  );
process.exit(failed ? 1 : 0);
