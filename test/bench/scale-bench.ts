/**
 * Several nodes: throughput and latency of REST turns with one parley node and with two nodes on one Redis, and what
 * Redis adds per turn over SQLite.
 *
 *   npm run bench:scale [-- --quick] [-- --rounds N --seq N --warmup N --conversations N --turns N]
 *
 * (each flag also reads SCALE_BENCH_<NAME> from the environment, e.g. SCALE_BENCH_ROUNDS=3)
 *
 * Setups, all real `parley start --bot examples/acme` processes (no language model, log level "warn", per-address
 * limits off) started at once and left running, and one Debian `redis-server` (append-only file, `appendfsync
 * everysec`, as the docs recommend) on loopback:
 * - sqlite ×1: one node, SQLite in its own data directory (the embedded default);
 * - redis ×1: one node, `PARLEY_REDIS_URL` (database 1);
 * - redis ×2: two nodes on the same Redis (database 2); each turn goes to a random node, as behind a round-robin
 *   balancer (REST needs no sticky sessions).
 *
 * Scenarios, each setup once untimed as warm-up, then per round every setup in turn:
 * - sequential: one conversation, `--warmup` untimed turns, then `--seq` timed turns one after another (the latency
 *   of a turn on an idle system: Redis's cost per turn is the difference of the p50s of redis ×1 and sqlite ×1);
 * - concurrent: `--conversations` conversations at once, each `--turns` turns in order (throughput).
 * Texts are the classifier mix of bench:turns. The numbers are the medians over rounds of each run's p50, p99 and
 * turns/s. This machine has few cores shared by the load generator, the nodes and Redis, so two nodes compete for
 * the same CPUs: read the two-node figure as "what a second node costs or gains here", not as capacity.
 *
 * Then Redis's own share: commands per turn (those its Lua scripts run included) and server time per turn (`INFO
 * commandstats`), and the round trip of one command; a classifier turn makes six round trips (accept, lease,
 * re-check, load, commit, release), so six round trips plus the server time is what Redis adds to a turn.
 *
 * A table goes to stderr; the last stdout line is one JSON object (times in ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { startRedisServer } from '../support/redis-server.ts';
import { killServer, type ServerLife, spawnServer } from '../support/server-supervisor.ts';
import { postTurn } from '../support/turn-client.ts';
import { benchCounts } from './turn-bench/bench-counts.ts';
import { median, medianOfRounds, type RunStats, runStats } from './turn-bench/stats.ts';

const texts = ['what time do you open on sunday?', 'where is your Chicago store', 'how long does shipping take', 'hi'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    rounds: { type: 'string' },
    seq: { type: 'string' },
    warmup: { type: 'string' },
    conversations: { type: 'string' },
    turns: { type: 'string' },
  },
});
const { quick, count } = benchCounts('SCALE_BENCH', values, {
  quick: { rounds: 1, seq: 100, warmup: 20, conversations: 50, turns: 4 },
  full: { rounds: 3, seq: 300, warmup: 30, conversations: 50, turns: 20 },
});
const settings = { quick, rounds: count('rounds'), seq: count('seq'), warmup: count('warmup'), conversations: count('conversations'), turns: count('turns') };
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * What Redis did for the turns it served: commands per turn and the server's own time per turn (`INFO
 * commandstats`, the socket.io adapter's blocking reads and this bench's own commands left out), and the round trip
 * of one command from this process (median of 1,000 PINGs).
 */
async function redisCost(client: Redis, turns: number) {
  const stats = await client.info('commandstats');
  let calls = 0;
  let usec = 0;
  for (const match of stats.matchAll(/^cmdstat_([a-z|]+):calls=(\d+),usec=(\d+)/gm)) {
    if (['xread', 'info', 'ping', 'client', 'hello', 'select', 'command', 'flushall', 'config'].includes(match[1]!)) continue;
    calls += Number(match[2]);
    usec += Number(match[3]);
  }
  const pings: number[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const started = performance.now();
    await client.ping();
    pings.push(performance.now() - started);
  }
  return { commands_per_turn: calls / turns, server_us_per_turn: usec / turns, round_trip_ms: median(pings) };
}

/** One setup under test: its nodes, and a turn sent to one of them. */
interface Setup {
  name: string;
  nodes: ServerLife[];
}

let conversationNo = 0;
let failures = 0;
/** Turns sent to each setup, warm-up included. */
const turnsSent = new Map<string, number>();

async function turn(setup: Setup, conversationId: string, text: string, turnId: string, latencies: number[]): Promise<void> {
  const node = setup.nodes[Math.floor(Math.random() * setup.nodes.length)]!;
  turnsSent.set(setup.name, (turnsSent.get(setup.name) ?? 0) + 1);
  const started = performance.now();
  const answer = await postTurn(node.url, conversationId, text, turnId);
  latencies.push(performance.now() - started);
  if (answer.status !== 200 || !answer.body.reply) {
    failures += 1;
    if (failures <= 3) log(`${setup.name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  }
}

async function sequential(setup: Setup): Promise<RunStats> {
  const id = `${setup.name}-seq-${++conversationNo}`;
  for (let i = 0; i < settings.warmup; i += 1) await turn(setup, id, texts[i % texts.length]!, `w${i}`, []);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < settings.seq; i += 1) await turn(setup, id, texts[i % texts.length]!, `t${i}`, latencies);
  return runStats(latencies, performance.now() - started);
}

async function concurrent(setup: Setup): Promise<RunStats> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: settings.conversations }, async () => {
      const id = `${setup.name}-conc-${++conversationNo}`;
      for (let i = 0; i < settings.turns; i += 1) await turn(setup, id, texts[(i + conversationNo) % texts.length]!, `t${i}`, latencies);
    }),
  );
  return runStats(latencies, performance.now() - started);
}

async function main(): Promise<void> {
  log(`bench:scale on ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${JSON.stringify(settings)}`);
  const redis = await startRedisServer({ appendfsync: 'everysec' });
  const dirs: string[] = [];
  const base = { PARLEY_LIMIT_REST_REQUESTS: 'off', PARLEY_LIMIT_PENDING_BODIES: '100000', PARLEY_WEB_SECRET: 'bench secret shared by the nodes, 32+ chars' };
  const env = (extra: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-scale-bench-'));
    dirs.push(dir);
    return { ...base, PARLEY_DATA_DIR: dir, ...extra };
  };
  const started = performance.now();
  const [sqliteNode, redisNode, redisA, redisB] = await Promise.all([
    spawnServer(env({}), 1, 180_000),
    spawnServer(env({ PARLEY_REDIS_URL: `${redis.url}/1` }), 1, 180_000),
    spawnServer(env({ PARLEY_REDIS_URL: `${redis.url}/2` }), 1, 180_000),
    spawnServer(env({ PARLEY_REDIS_URL: `${redis.url}/2` }), 1, 180_000),
  ]);
  log(`4 nodes started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const setups: Setup[] = [
    { name: 'sqlite ×1', nodes: [sqliteNode!] },
    { name: 'redis ×1', nodes: [redisNode!] },
    { name: 'redis ×2', nodes: [redisA!, redisB!] },
  ];
  try {
    for (const setup of setups) await concurrent(setup);
    const runs = new Map(setups.map((s) => [s.name, { sequential: [] as RunStats[], concurrent: [] as RunStats[] }]));
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (const setup of setups) {
        runs.get(setup.name)!.sequential.push(await sequential(setup));
        runs.get(setup.name)!.concurrent.push(await concurrent(setup));
      }
      log(`round ${round}/${settings.rounds} done`);
    }
    const results = Object.fromEntries(
      setups.map((s) => [s.name, { sequential: medianOfRounds(runs.get(s.name)!.sequential), concurrent: medianOfRounds(runs.get(s.name)!.concurrent) }]),
    );
    const rows = setups.map((s) => {
      const r = results[s.name]!;
      return `${s.name.padEnd(10)} | ${r.sequential.p50_ms.toFixed(2).padStart(8)} ${r.sequential.p99_ms.toFixed(2).padStart(8)} | ${r.concurrent.turns_per_s.toFixed(0).padStart(8)} ${r.concurrent.p50_ms.toFixed(1).padStart(8)} ${r.concurrent.p99_ms.toFixed(1).padStart(8)}`;
    });
    const redisCostMs = results['redis ×1']!.sequential.p50_ms - results['sqlite ×1']!.sequential.p50_ms;
    const client = redis.client();
    const cost = await redisCost(client, (turnsSent.get('redis ×1') ?? 0) + (turnsSent.get('redis ×2') ?? 0));
    client.disconnect();
    log('');
    log('setup      | sequential (ms)   | concurrent');
    log('           |      p50      p99 |  turns/s  p50(ms)  p99(ms)');
    for (const row of rows) log(row);
    log(`Redis over SQLite, per turn (sequential p50): ${redisCostMs >= 0 ? '+' : ''}${redisCostMs.toFixed(2)} ms; failed turns: ${failures}`);
    log(
      `Redis per turn: ${cost.commands_per_turn.toFixed(1)} commands (those inside Lua scripts included), ${cost.server_us_per_turn.toFixed(0)} µs of server time; one round trip ${(cost.round_trip_ms * 1000).toFixed(0)} µs`,
    );
    process.stdout.write(`${JSON.stringify({ settings, cpus: availableParallelism(), results, redis_over_sqlite_p50_ms: redisCostMs, redis_per_turn: cost, failures })}\n`);
  } finally {
    await Promise.all([sqliteNode, redisNode, redisA, redisB].map((n) => killServer(n!)));
    await redis.destroy();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
