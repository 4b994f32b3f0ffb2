/**
 * Turn latency and throughput: parley's REST turn against a bare botbuilder echo bot, in one process.
 *
 *   npm run bench:turns [-- --quick] [-- --rounds N --seq N --warmup N --conversations N --turns N
 *                        --return-conversations N --return-reps N --echo-mode expectReplies|serviceUrl
 *                        --log-level warn|info|...]
 *
 * (each flag also reads TURN_BENCH_<NAME> from the environment, e.g. TURN_BENCH_ROUNDS=5, TURN_BENCH_QUICK=1)
 *
 * Systems, both node:http servers on 127.0.0.1 in this process, each driven through its own keep-alive
 * http.Agent with the same settings, and both servers keep idle connections 10 minutes so the warm-up's sockets
 * serve every run (see turn-bench/http-client.ts):
 * - parley: the server `parley start --bot examples/acme` builds (loadBotDirectory + createParleyServer, web
 *   channel on), SQLite store in a fresh temp dir, no language model (classifier routing only), log level
 *   "warn"; a turn is `POST /api/conversations/{id}/messages`, checked for HTTP 200 and status "completed";
 * - echo: botbuilder `CloudAdapter` + `ConfigurationBotFrameworkAuthentication` in anonymous mode (no app id) and
 *   an `ActivityHandler` whose onMessage does `context.sendActivity(text)`; by default it answers the Bot Framework
 *   way, as a deployed bot does (the connector client POSTs the reply to a mock channel's
 *   `/v3/conversations/:id/activities/:activityId`, and the turn ends when both exchanges have); `--echo-mode
 *   expectReplies` asks for `deliveryMode: "expectReplies"` instead, so the reply comes back in the `/api/messages`
 *   response (one exchange per turn, a stricter baseline that real channels do not use).
 *
 * Scenarios (first each scenario once per system, untimed, as warm-up; then per round and scenario a forced GC
 * and parley, a forced GC and echo — A B A B over `--rounds`; the reported numbers are the medians over rounds
 * of each run's p50, p99 and turns/s):
 * - sequential: one conversation, `--warmup` untimed turns, then `--seq` timed turns one after another;
 * - concurrent: `--conversations` conversations at once, each `--turns` turns in order;
 * - returnFlow: `--return-conversations` conversations at once, each doing "I want to return something" →
 *   "45210" → "it is too small" → "yes" → the order's e-mail `--return-reps` times (parley opens returns in the temp ledger); echo
 *   gets the same texts at the same concurrency for comparison.
 * The classifier mix is "what time do you open on sunday?", "where is your Chicago store", "how long does
 * shipping take", "hi". The load generator shares the event loop with both servers, as the servers share it
 * with each other's runs; numbers are for comparing the two on the same machine, not absolute capacity.
 *
 * A table goes to stderr; the last stdout line is one JSON object (times in ms).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEchoTarget, type EchoMode } from './turn-bench/echo-target.ts';
import { createParleyTarget } from './turn-bench/parley-target.ts';
import { benchCounts } from './turn-bench/bench-counts.ts';
import { medianOfRounds, type RunStats, runStats } from './turn-bench/stats.ts';
import type { TurnTarget } from './turn-bench/target.ts';

const classifierTexts = [
  'what time do you open on sunday?',
  'where is your Chicago store',
  'how long does shipping take',
  'hi',
];
const returnFlow = ['I want to return something', '45210', 'it is too small', 'yes', 'maria.garcia@example.com'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    rounds: { type: 'string' },
    seq: { type: 'string' },
    warmup: { type: 'string' },
    conversations: { type: 'string' },
    turns: { type: 'string' },
    'return-conversations': { type: 'string' },
    'return-reps': { type: 'string' },
    'echo-mode': { type: 'string' },
    'log-level': { type: 'string' },
  },
});
const counts = benchCounts('TURN_BENCH', values, {
  quick: { rounds: 1, seq: 100, warmup: 20, conversations: 50, turns: 4, 'return-conversations': 50, 'return-reps': 1 },
  full: { rounds: 5, seq: 300, warmup: 30, conversations: 50, turns: 20, 'return-conversations': 50, 'return-reps': 2 },
});
const { quick, count } = counts;
const settings = {
  quick,
  rounds: count('rounds'),
  sequential: { turns: count('seq'), warmup: count('warmup') },
  concurrent: { conversations: count('conversations'), turnsEach: count('turns') },
  returnFlow: { conversations: count('return-conversations'), reps: count('return-reps'), flow: returnFlow },
};
const echoMode = (counts.text('echo-mode') ?? 'serviceUrl') as EchoMode;
if (echoMode !== 'expectReplies' && echoMode !== 'serviceUrl') {
  throw new Error(`--echo-mode must be "expectReplies" or "serviceUrl", not "${echoMode}"`);
}
const logLevel = (counts.text('log-level') ?? 'warn') as 'warn';

const log = (line: string) => process.stderr.write(`${line}\n`);

// A forced GC before each run, so one system's garbage is not collected on the other's time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settle = async () => {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

/** Replies that did not look right (the run goes on; the count is reported). */
const unexpected: Record<string, number> = {};
const note = (target: string, what: string) => {
  const key = `${target}: ${what}`;
  unexpected[key] = (unexpected[key] ?? 0) + 1;
  if (unexpected[key] === 1) log(`unexpected reply (${key})`);
};

let conversationNo = 0;
const newConversation = (target: TurnTarget, scenario: string) =>
  `${target.name}-${scenario}-${++conversationNo}`;

async function timedTurn(target: TurnTarget, conversationId: string, text: string, latencies: number[]) {
  const started = performance.now();
  const reply = await target.turn(conversationId, text);
  latencies.push(performance.now() - started);
  if (reply.trim() === '') note(target.name, 'empty reply');
  return reply;
}

async function sequential(target: TurnTarget): Promise<RunStats> {
  const conversationId = newConversation(target, 'seq');
  const { turns, warmup } = settings.sequential;
  const ignored: number[] = [];
  for (let i = 0; i < warmup; i++)
    await timedTurn(target, conversationId, classifierTexts[i % classifierTexts.length]!, ignored);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < turns; i++) {
    await timedTurn(
      target,
      conversationId,
      classifierTexts[(warmup + i) % classifierTexts.length]!,
      latencies,
    );
  }
  return runStats(latencies, performance.now() - started);
}

async function concurrent(target: TurnTarget, conversations: number, turnsEach: number): Promise<RunStats> {
  const latencies: number[] = [];
  const ids = Array.from({ length: conversations }, () => newConversation(target, 'conc'));
  const started = performance.now();
  await Promise.all(
    ids.map(async (id, c) => {
      for (let i = 0; i < turnsEach; i++) {
        await timedTurn(target, id, classifierTexts[(c + i) % classifierTexts.length]!, latencies);
      }
    }),
  );
  return runStats(latencies, performance.now() - started);
}

async function returns(target: TurnTarget, conversations: number, reps: number): Promise<RunStats> {
  const latencies: number[] = [];
  const ids = Array.from({ length: conversations }, () => newConversation(target, 'return'));
  const started = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      for (let r = 0; r < reps; r++) {
        let reply = '';
        for (const text of returnFlow) reply = await timedTurn(target, id, text, latencies);
        if (target.name === 'parley' && !/Return R-\d+ for order 45210 is open/.test(reply)) {
          note(target.name, `return flow did not open a return: "${reply.slice(0, 120)}"`);
        }
        if (target.name === 'echo' && reply !== returnFlow.at(-1))
          note(target.name, `echo replied "${reply.slice(0, 60)}"`);
      }
    }),
  );
  return runStats(latencies, performance.now() - started);
}

type Scenario = 'sequential' | 'concurrent' | 'returnFlow';
const scenarios: Record<Scenario, (target: TurnTarget) => Promise<RunStats>> = {
  sequential,
  concurrent: (t) => concurrent(t, settings.concurrent.conversations, settings.concurrent.turnsEach),
  returnFlow: (t) => returns(t, settings.returnFlow.conversations, settings.returnFlow.reps),
};

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const rounded = (s: RunStats) => ({
  p50_ms: round3(s.p50_ms),
  p99_ms: round3(s.p99_ms),
  turns_per_s: round3(s.turns_per_s),
});

async function main() {
  const benchStarted = performance.now();
  log(
    `turn bench: ${settings.rounds} round(s); echo mode ${echoMode}; node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'})`,
  );
  const loadBefore = loadavg()[0]!;
  if (loadBefore > availableParallelism() / 2) {
    log(
      `warning: load average ${loadBefore.toFixed(2)} on ${availableParallelism()} CPUs; other processes will add noise`,
    );
  }
  const parley = await createParleyTarget({ logLevel });
  log(
    `parley loaded in ${(parley.loadMs / 1000).toFixed(1)} s (classifier trained into a fresh cache); data in ${parley.dataDir}`,
  );
  const echo = await createEchoTarget(echoMode);
  const targets = [parley, echo] as const;
  try {
    // Warm-up, untimed: every scenario once on each system (JIT, SQLite statements, sockets in both agents).
    // botbuilder needs it as much as parley: its first 1,000 concurrent turns run at about half speed.
    const warmupStarted = performance.now();
    for (const target of targets) {
      for (const run of Object.values(scenarios)) await run(target);
    }
    log(
      `warm-up (each scenario once per system, untimed): ${((performance.now() - warmupStarted) / 1000).toFixed(1)} s`,
    );
    const perRound: Record<Scenario, Record<'parley' | 'echo', RunStats[]>> = {
      sequential: { parley: [], echo: [] },
      concurrent: { parley: [], echo: [] },
      returnFlow: { parley: [], echo: [] },
    };
    for (let round = 1; round <= settings.rounds; round++) {
      for (const scenario of Object.keys(scenarios) as Scenario[]) {
        for (const target of targets) {
          await settle();
          const stats = await scenarios[scenario](target);
          perRound[scenario][target.name as 'parley' | 'echo'].push(stats);
          log(
            `round ${round} ${scenario.padEnd(10)} ${target.name.padEnd(6)} p50 ${stats.p50_ms.toFixed(2)} ms  p99 ${stats.p99_ms.toFixed(2)} ms  ${stats.turns_per_s.toFixed(0)} turns/s (${stats.turns} turns)`,
          );
        }
      }
    }

    const summary = Object.fromEntries(
      (Object.keys(perRound) as Scenario[]).map((scenario) => {
        const p = medianOfRounds(perRound[scenario].parley);
        const e = medianOfRounds(perRound[scenario].echo);
        return [
          scenario,
          {
            parley: rounded(p),
            echo: rounded(e),
            ratio: {
              p50: round3(p.p50_ms / e.p50_ms),
              p99: round3(p.p99_ms / e.p99_ms),
              throughput: round3(p.turns_per_s / e.turns_per_s),
            },
          },
        ];
      }),
    ) as Record<
      Scenario,
      {
        parley: ReturnType<typeof rounded>;
        echo: ReturnType<typeof rounded>;
        ratio: { p50: number; p99: number; throughput: number };
      }
    >;

    const goals = {
      sequentialP50: '<= 1.5x echo',
      concurrentThroughput: '>= 0.8x echo',
      concurrentP99: '<= 1.5x echo',
      returnFlowThroughput: '>= 0.8x echo (same concurrency)',
      returnFlowP99: '<= 1.5x echo (same concurrency)',
      met: {
        sequentialP50: summary.sequential.ratio.p50 <= 1.5,
        concurrentThroughput: summary.concurrent.ratio.throughput >= 0.8,
        concurrentP99: summary.concurrent.ratio.p99 <= 1.5,
        returnFlowThroughput: summary.returnFlow.ratio.throughput >= 0.8,
        returnFlowP99: summary.returnFlow.ratio.p99 <= 1.5,
      },
    };

    const header = [
      'scenario',
      'parley p50 / p99 ms',
      'echo p50 / p99 ms',
      'parley turns/s',
      'echo turns/s',
      'p50 ×',
      'p99 ×',
      'turns/s ×',
    ];
    const rows = (Object.keys(summary) as Scenario[]).map((scenario) => {
      const s = summary[scenario];
      return [
        scenario,
        `${s.parley.p50_ms.toFixed(2)} / ${s.parley.p99_ms.toFixed(2)}`,
        `${s.echo.p50_ms.toFixed(2)} / ${s.echo.p99_ms.toFixed(2)}`,
        s.parley.turns_per_s.toFixed(0),
        s.echo.turns_per_s.toFixed(0),
        s.ratio.p50.toFixed(2),
        s.ratio.p99.toFixed(2),
        s.ratio.throughput.toFixed(2),
      ];
    });
    const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
    log('');
    log(`parley: ${parley.description}`);
    log(`echo:   ${echo.description}`);
    log(`medians of ${settings.rounds} round(s); × = parley / echo`);
    log([line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n'));
    log('');
    for (const [goal, met] of Object.entries(goals.met)) {
      log(`${met ? 'met    ' : 'NOT met'} ${goal}: parley ${goals[goal as keyof typeof goals.met]}`);
    }
    if (Object.keys(unexpected).length > 0) log(`unexpected replies: ${JSON.stringify(unexpected)}`);

    const result = {
      bench: 'turns',
      echoMode,
      settings,
      machine: {
        node: process.version,
        cpus: availableParallelism(),
        cpu: cpus()[0]?.model ?? null,
        loadavg1: { before: round3(loadBefore), after: round3(loadavg()[0]!) },
      },
      parleyLoadMs: Math.round(parley.loadMs),
      ...summary,
      perRound: Object.fromEntries(
        (Object.keys(perRound) as Scenario[]).map((s) => [
          s,
          { parley: perRound[s].parley.map(rounded), echo: perRound[s].echo.map(rounded) },
        ]),
      ),
      goals,
      unexpectedReplies: unexpected,
      wall_s: Math.round((performance.now() - benchStarted) / 100) / 10,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await echo.close();
    await parley.close();
  }
}

main()
  .then(() => {
    // Nothing should hold the loop open now; if something does, do not hang the script.
    setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  })
  .catch((error: unknown) => {
    log(`turn bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
