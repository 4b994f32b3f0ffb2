import type { UserTurn } from './contracts/user-turn.ts';

/** Options of {@link createTurnQueue}. */
export interface TurnQueueOptions<R> {
  /** Runs a batch of turns (one, or several coalesced) of one conversation. */
  process: (turns: UserTurn[], signal: AbortSignal) => Promise<R>;
  /**
   * Milliseconds a turn waits for more turns of the same conversation to merge with it (chat bursts).
   * 0 (default) disables coalescing.
   */
  coalesceMs?: number;
  /** Waits, injectable for tests. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/** Serialises turns per conversation, with supersede and optional coalescing. */
export interface TurnQueue<R> {
  /**
   * Queues a turn behind the ones of its conversation (arrival order) and resolves with its batch's result.
   * With `supersede`, the turn running now is aborted first (its signal fires).
   */
  submit(turn: UserTurn, supersede: boolean): Promise<R>;
  /**
   * Aborts the batch running now in the conversation (its signal fires), as a superseding turn would, without
   * queuing anything; with `turnId`, only when that batch holds the turn. True when a batch was aborted.
   */
  abort(conversationId: string, turnId?: string): boolean;
  /** Turns queued or running, all conversations. */
  size(): number;
}

interface Batch<R> {
  turns: UserTurn[];
  open: boolean;
  waiters: Array<{ resolve: (value: R) => void; reject: (error: unknown) => void }>;
}

interface Lane<R> {
  waiting: Batch<R>[];
  running: AbortController | null;
  /** The ids of the running batch's turns. */
  runningIds: ReadonlySet<string>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The per-conversation turn queue. Turns of one conversation run one at a time in arrival order; turns of
 * different conversations run concurrently.
 */
export function createTurnQueue<R>(options: TurnQueueOptions<R>): TurnQueue<R> {
  const coalesceMs = options.coalesceMs ?? 0;
  const sleep = options.sleep ?? defaultSleep;
  const lanes = new Map<string, Lane<R>>();

  const pump = async (key: string, lane: Lane<R>): Promise<void> => {
    for (let batch = lane.waiting[0]; batch; batch = lane.waiting[0]) {
      if (coalesceMs > 0) await sleep(coalesceMs);
      batch.open = false;
      lane.waiting.shift();
      lane.running = new AbortController();
      lane.runningIds = new Set(batch.turns.map((t) => t.id));
      try {
        const result = await options.process(batch.turns, lane.running.signal);
        for (const waiter of batch.waiters) waiter.resolve(result);
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error);
      }
      lane.running = null;
    }
    lanes.delete(key);
  };

  return {
    submit(turn, supersede) {
      const key = turn.conversationId;
      let lane = lanes.get(key);
      const idle = !lane;
      if (!lane) {
        lane = { waiting: [], running: null, runningIds: new Set() };
        lanes.set(key, lane);
      }
      if (supersede) lane.running?.abort();
      const last = lane.waiting.at(-1);
      const batch: Batch<R> = coalesceMs > 0 && last?.open ? last : { turns: [], open: true, waiters: [] };
      if (batch !== last) lane.waiting.push(batch);
      batch.turns.push(turn);
      const result = new Promise<R>((resolve, reject) => batch.waiters.push({ resolve, reject }));
      if (idle) void pump(key, lane);
      return result;
    },
    abort(conversationId, turnId) {
      const lane = lanes.get(conversationId);
      if (!lane?.running || lane.running.signal.aborted) return false;
      if (turnId !== undefined && !lane.runningIds.has(turnId)) return false;
      lane.running.abort();
      return true;
    },
    size: () => [...lanes.values()].reduce((n, lane) => n + lane.waiting.length + (lane.running ? 1 : 0), 0),
  };
}
