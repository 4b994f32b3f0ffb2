import { describe, expect, it } from 'vitest';
import { runFuzz } from '../support/security-fuzz-runner.ts';

describe('fuzzing (smoke: 2,000 cases; `npm run fuzz` runs 100,000)', () => {
  it('malformed REST requests, engine.io payloads and WebSocket frames: 0 crashes, 0 answers 5xx, 0 error log lines', {
    timeout: 60_000,
  }, async () => {
    const report = await runFuzz({ cases: 2000, seed: 15 });
    process.stdout.write(
      `fuzz smoke: ${JSON.stringify(report.byKind)} statuses ${JSON.stringify(report.statuses)}; RSS before ${report.rssBeforeMb} MB, after the first tenth ${report.rssWarmMb} MB, after all ${report.rssAfterMb} MB\n`,
    );
    expect(report.crashes).toEqual([]);
    expect(report.serverErrors).toEqual([]);
    expect(report.errorLogs).toEqual([]);
    // The cases reach the REST routes and the socket server, not only the HTTP parser.
    expect(report.statuses[401]).toBeGreaterThan(50);
    expect(report.statuses[422]).toBeGreaterThan(20);
    expect(report.statuses[101]).toBeGreaterThan(100);
  });
});
