import { createServerSupervisor, isAlive, type ServerLife, type ServerSupervisor } from './server-supervisor.ts';
import { postTurn } from './turn-client.ts';

/** Several `parley start` processes (nodes) serving one bot, each kept running by its own supervisor. */
export interface NodePair {
  readonly supervisors: readonly ServerSupervisor[];
  /** A random node that is running now; when none is, waits for a restart. */
  pick(): Promise<ServerLife>;
  /** SIGKILLs a random running node and has it restarted (not awaited); returns its index. */
  killRandom(): Promise<number>;
  /** Kills every node for good. */
  stop(): Promise<void>;
}

/** Starts one node per environment (all at once) and resolves once every one listens. */
export async function startNodes(envs: ReadonlyArray<Record<string, string>>): Promise<NodePair> {
  const supervisors = envs.map((env) => createServerSupervisor({ env, startTimeoutMs: 90_000 }));
  await Promise.all(supervisors.map((s) => s.running()));
  const running = () => supervisors.filter((s) => s.current !== undefined && isAlive(s.current));
  const random = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
  return {
    supervisors,
    async pick() {
      const alive = running();
      return alive.length > 0 ? random(alive).current! : random(supervisors).running();
    },
    async killRandom() {
      const alive = running();
      const victim = random(alive.length > 0 ? alive : supervisors);
      await victim.kill();
      void victim.running().catch(() => undefined);
      return supervisors.indexOf(victim);
    },
    async stop() {
      await Promise.all(supervisors.map((s) => s.stop()));
    },
  };
}

/** A message some node acknowledged with 200, and what it took. */
export interface NodeAcknowledged {
  reply: string;
  status: string;
  events: Array<{ type: string; name?: string }>;
  /** Requests sent, the last one included. */
  attempts: number;
  /** 503 answers on the way. */
  unavailable: number;
  /** Requests that failed because their node died (or refused the connection). */
  connectionFailures: number;
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a message with a fixed turn id to a random running node until one answers 200, as a client behind a load
 * balancer that must not lose it: a failed connection (the node died) or a 503 (waiting at most `maxRetryWaitMs`
 * of its Retry-After) sends the same turn id again, to a random node. Any other answer throws.
 */
export async function sendToAnyNode(
  nodes: NodePair,
  conversationId: string,
  text: string,
  turnId: string,
  options: { deadlineMs?: number; maxRetryWaitMs?: number; maxAnswerMs?: number } = {},
): Promise<NodeAcknowledged> {
  const started = Date.now();
  const deadline = started + (options.deadlineMs ?? 120_000);
  let attempts = 0;
  let unavailable = 0;
  let connectionFailures = 0;
  let last = 'nothing sent';
  for (;;) {
    if (Date.now() > deadline) {
      throw new Error(`${conversationId}/${turnId} "${text}" not acknowledged in time: ${attempts} attempts, ${unavailable} × 503, ${connectionFailures} connection failures; last: ${last}`);
    }
    const life = await nodes.pick();
    attempts += 1;
    let answer: Awaited<ReturnType<typeof postTurn>>;
    try {
      answer = await postTurn(life.url, conversationId, text, turnId, options.maxAnswerMs ?? 30_000);
    } catch (error) {
      connectionFailures += 1;
      last = `connection failed: ${(error as Error).message}`;
      await sleep(20);
      continue;
    }
    if (answer.status === 200) {
      const { reply = '', status = '', events = [] } = answer.body;
      return { reply, status, events, attempts, unavailable, connectionFailures, elapsedMs: Date.now() - started };
    }
    if (answer.status === 503 && answer.retryAfter !== null && answer.body.error?.code === 'unavailable') {
      unavailable += 1;
      last = `503 ${JSON.stringify(answer.body)}`;
      await sleep(Math.min(Number(answer.retryAfter) * 1000, options.maxRetryWaitMs ?? 1000));
      continue;
    }
    throw new Error(`${conversationId}/${turnId} "${text}" got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}
