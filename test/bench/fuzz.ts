/**
 * `npm run fuzz` — seeded malformed REST requests, engine.io polling payloads and raw WebSocket frames against an
 * in-process parley server; fails (exit 1) on any crash, any 5xx answer or any error log line, and prints RSS
 * before and after. `--cases N` (default 100000), `--seed N` (default 15), `--concurrency N` (default 32).
 */
import { parseArgs } from 'node:util';
import { runFuzz } from '../support/security-fuzz-runner.ts';

const { values } = parseArgs({
  options: { cases: { type: 'string' }, seed: { type: 'string' }, concurrency: { type: 'string' } },
});
const cases = Number(values.cases ?? 100_000);
const seed = Number(values.seed ?? 15);
const concurrency = Number(values.concurrency ?? 32);

const report = await runFuzz({
  cases,
  seed,
  concurrency,
  onProgress: (done) => process.stderr.write(`fuzz: ${done}/${cases}\n`),
  onStage: (stage) => process.stderr.write(`fuzz: ${stage}\n`),
});
process.stdout.write(
  `fuzz: ${report.cases} cases (seed ${report.seed}; ${report.byKind.http} HTTP, ${report.byKind.polling} polling, ${report.byKind.websocket} WebSocket) in ${(report.durationMs / 1000).toFixed(1)} s\n` +
    `statuses: ${JSON.stringify(report.statuses)}\n` +
    `5xx: ${report.serverErrorCount}, client-side connection failures: ${report.clientFailures}, crashes: ${report.crashes.length}, error log lines: ${report.errorLogs.length}\n` +
    `RSS before ${report.rssBeforeMb} MB, after the first tenth ${report.rssWarmMb} MB, after all ${report.rssAfterMb} MB; heap after a GC ${report.heapWarmMb} MB after the first tenth, ${report.heapAfterMb} MB after all\n`,
);
if (report.serverErrorCount > 0 || report.crashes.length > 0 || report.errorLogs.length > 0) {
  process.stdout.write(`${JSON.stringify({ serverErrors: report.serverErrors, crashes: report.crashes, errorLogs: report.errorLogs }, null, 2)}\n`);
  process.exit(1);
}
process.exit(0);
