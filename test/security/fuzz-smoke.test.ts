import { describe, expect, it } from 'vitest';
import { runFuzz } from '../support/security-fuzz-runner.ts';

describe('fuzzing (smoke: 2,000 cases; `npm run fuzz` runs 100,000)', () => {
  it('malformed REST requests, engine.io payloads and WebSocket frames: 0 crashes, 0 answers 5xx, 0 error log lines, heap flat', {
    timeout: 90_000,
  }, async () => {
    const report = await runFuzz({ cases: 2000, seed: 15 });
    const memory = report.memory.map((m) => `${m.label}: heap ${m.heapMb} MB, RSS ${m.rssMb} MB`).join('; ');
    process.stdout.write(`fuzz smoke: ${JSON.stringify(report.byKind)} statuses ${JSON.stringify(report.statuses)}; RSS before ${report.rssBeforeMb} MB; ${memory}\n`);
    expect(report.crashes).toEqual([]);
    expect(report.serverErrors).toEqual([]);
    expect(report.errorLogs).toEqual([]);
    expect(report.stalled).toEqual([]);
    // The cases reach the REST routes and the socket server, not only the HTTP parser.
    expect(report.statuses[401]).toBeGreaterThan(50);
    expect(report.statuses[422]).toBeGreaterThan(20);
    expect(report.statuses[101]).toBeGreaterThan(100);
    // The second thousand cases leave no more than `npm run fuzz`'s tolerance behind (4 MB: 4 KB a case).
    expect(report.memory.map((m) => m.label)).toEqual(['server up', '10 %', '50 %', '100 %']);
    expect(report.heapGrowthMb).toBeLessThan(4);
  });
});
