import type { Logger } from 'pino';
import type { BotEvent } from './contracts/bot-event.ts';
import type { ConversationStore, Lease } from './contracts/conversation-store.ts';
import { LeaseLostError } from './contracts/errors/lease-lost-error.ts';
import type { TurnResult } from './contracts/turn-result.ts';
import type { UserTurn } from './contracts/user-turn.ts';
import type { TurnOutcome } from './turn-runner.ts';
import type { TurnRuntime } from './turn-services.ts';

/** Options of {@link createLeasedTurnProcessor}. */
export interface LeasedTurnProcessorOptions {
  store: ConversationStore;
  runTurns: (turns: readonly UserTurn[], runtime: Omit<TurnRuntime, 'turn' | 'history' | 'log'>) => Promise<TurnOutcome>;
  log: Logger;
  /** This process's lease owner id. */
  nodeId: string;
  leaseTtlMs: number;
  leaseWaitMs: number;
  /**
   * How long the lease is kept after a conversation's last turn, in milliseconds, so that the next turn of a busy
   * conversation needs no lease write; another process waits at most this long for it.
   */
  leaseLingerMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds clock, for the lease wait's deadline. */
  now: () => number;
  /** Whether a lease holder is known to be dead (its leases are taken over at once). */
  isOwnerDead: (owner: string) => boolean;
}

/** Pause between attempts to give a lease back while the store fails, in milliseconds. */
const releaseRetryMs = 250;

/** Errors a client should retry: the store failed, or another process holds the conversation. */
export function isRetryableTurnError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'StoreUnavailableError' || name === 'LeaseLostError' || name === 'ConversationConflictError';
}

/**
 * Processes a batch of one conversation's accepted turns as its only writer: takes the conversation's lease
 * (waiting while another process holds it, renewing it while the turn runs), skips turns another process
 * finished meanwhile, runs the rest and commits state, results and transcript under the lease's fencing token.
 * A store or lease failure rejects (retryable; the turns stay in the inbox); any other failure resolves as a
 * "failed" turn with a fallback reply, and the turns leave the inbox so that a retry runs them again.
 */
export function createLeasedTurnProcessor(options: LeasedTurnProcessorOptions) {
  const { store, log, nodeId, leaseTtlMs, leaseWaitMs, sleep } = options;
  const held = new Map<string, { lease: Lease; expiresAt: number; release?: NodeJS.Timeout }>();
  /** How many turns of each conversation are between taking its lease and letting it go. */
  const running = new Map<string, number>();
  const inUse = (conversationId: string): boolean => held.has(conversationId) || (running.get(conversationId) ?? 0) > 0;
  /** Set by `releaseAll`: the store is closing, nothing is retried any more. */
  let closing = false;
  /** Any lease this process takes or renews from now on has expired in the store by this time. */
  const leaseGoneBy = (): number => options.now() + leaseTtlMs;

  /** The conversation's lease: the one held when it is good for a while yet, else taken (or renewed) in the store. */
  const holdLease = async (conversationId: string): Promise<Lease> => {
    const cached = held.get(conversationId);
    if (cached) clearTimeout(cached.release);
    if (cached && cached.expiresAt - options.now() > leaseTtlMs / 2) return cached.lease;
    try {
      const lease = await takeLease(conversationId);
      held.set(conversationId, { lease, expiresAt: options.now() + leaseTtlMs });
      return lease;
    } catch (error) {
      held.delete(conversationId);
      // A store call that failed without an answer (the connection dropped after the store ran it) may have left
      // this process holding the lease without knowing its token; so may the cached lease.
      if ((error as { name?: unknown } | null)?.name !== 'LeaseLostError') {
        setTimeout(() => disown(conversationId, leaseGoneBy()), releaseRetryMs).unref();
      }
      throw error;
    }
  };
  /**
   * Gives a lease back; while the store fails (an outage), tries again until the lease would have expired anyway
   * (`until`), so that another process is not kept waiting for it once the store is back. Stops when this process
   * uses the conversation again: that turn gives the lease back.
   */
  const release = (lease: Lease, until: number): void => {
    // Checked before each attempt: a turn of this process may hold the same lease again (same owner, same token).
    if (closing || inUse(lease.conversationId) || options.now() >= until) return;
    store.releaseLease(lease).catch(() => setTimeout(() => release(lease, until), releaseRetryMs).unref());
  };
  /**
   * Makes sure this process holds no lease of the conversation it does not know about: once the store answers, and
   * when the lease's holder is this process, takes the lease again (the same one, so its token is known) and gives
   * it back, unless this process uses the conversation by then. Tries until any such lease has expired (`until`).
   */
  const disown = (conversationId: string, until: number): void => {
    if (closing || inUse(conversationId) || options.now() >= until) return;
    const retry = () => setTimeout(() => disown(conversationId, until), releaseRetryMs).unref();
    store.leaseHolder(conversationId).then((holder) => {
      if (holder !== nodeId || inUse(conversationId)) return;
      store.acquireLease(conversationId, nodeId, leaseTtlMs).then((lease) => {
        if (!lease || inUse(conversationId)) return;
        log.warn({ conversationId, token: lease.token }, 'gave back a lease taken by a call that failed');
        release(lease, leaseGoneBy());
      }, retry);
    }, retry);
  };
  const letGo = (conversationId: string): void => {
    const entry = held.get(conversationId);
    if (!entry) return;
    entry.release = setTimeout(() => {
      held.delete(conversationId);
      release(entry.lease, leaseGoneBy());
    }, options.leaseLingerMs);
    entry.release.unref();
  };

  const takeLease = async (conversationId: string): Promise<Lease> => {
    const deadline = options.now() + leaseWaitMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      const lease = await store.acquireLease(conversationId, nodeId, leaseTtlMs);
      if (lease) return lease;
      const holder = await store.leaseHolder(conversationId);
      if (holder && options.isOwnerDead(holder)) {
        const taken = await store.takeOverLease(conversationId, holder, nodeId, leaseTtlMs);
        if (taken) {
          log.warn({ conversationId, from: holder }, 'took over the lease of a process that died');
          return taken;
        }
      }
      if (options.now() >= deadline) throw new LeaseLostError(conversationId, 0);
      await sleep(wait);
    }
  };

  const processTurns = async (turns: UserTurn[], signal: AbortSignal, emit: (event: BotEvent) => void): Promise<TurnResult> => {
    const { conversationId } = turns.at(-1)!;
    running.set(conversationId, (running.get(conversationId) ?? 0) + 1);
    try {
      return await processUnderLease(turns, signal, emit);
    } finally {
      const left = (running.get(conversationId) ?? 1) - 1;
      if (left > 0) running.set(conversationId, left);
      else running.delete(conversationId);
    }
  };

  const processUnderLease = async (turns: UserTurn[], signal: AbortSignal, emit: (event: BotEvent) => void): Promise<TurnResult> => {
    const turn = turns.at(-1)!;
    const lease = await holdLease(turn.conversationId);
    const renew = setInterval(() => {
      store
        .acquireLease(turn.conversationId, nodeId, leaseTtlMs)
        .then((renewed) => {
          const entry = held.get(turn.conversationId);
          if (renewed && entry && renewed.token === entry.lease.token) entry.expiresAt = options.now() + leaseTtlMs;
        })
        .catch((error: unknown) => log.warn({ err: error, conversationId: turn.conversationId }, 'renewing a lease failed'));
    }, Math.max(1, Math.floor(leaseTtlMs / 3)));
    renew.unref();
    try {
      // Another process may have finished these turns while this one waited for the lease.
      const pending: UserTurn[] = [];
      let finished: TurnResult | undefined;
      for (const t of turns) {
        const found = await store.findTurn(t.conversationId, t.id);
        if (found.status === 'done') finished = found.result;
        else pending.push(t);
      }
      if (pending.length === 0 && finished) return { ...finished, turnId: turn.id, status: 'duplicate' };
      try {
        const outcome = await options.runTurns(pending, { signal, emit, lease });
        const saveStarted = options.now();
        await store.commitTurn({ ...outcome.commit, lease });
        const saveMs = options.now() - saveStarted;
        log.info(
          { conversationId: turn.conversationId, turnId: turn.id, state: outcome.dialogueState, route: outcome.route, ...outcome.timings, saveMs, totalMs: outcome.timings.runMs + saveMs },
          'turn done',
        );
        return outcome.result;
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name === 'LeaseLostError') held.delete(turn.conversationId);
        if (isRetryableTurnError(error)) throw error;
        return await failed(pending, error, emit);
      }
    } finally {
      clearInterval(renew);
      letGo(turn.conversationId);
    }
  };

  /** Gives every held lease back now (the bot is closing). */
  const releaseAll = async (): Promise<void> => {
    closing = true;
    const entries = [...held.values()];
    held.clear();
    for (const entry of entries) clearTimeout(entry.release);
    await Promise.allSettled(entries.map((entry) => store.releaseLease(entry.lease)));
  };

  return { processTurns, releaseAll };

  async function failed(turns: readonly UserTurn[], error: unknown, emit: (event: BotEvent) => void): Promise<TurnResult> {
    const turn = turns.at(-1)!;
    log.error({ err: error, conversationId: turn.conversationId, turnId: turn.id }, 'turn failed');
    for (const t of turns) await store.abandonTurn(t.conversationId, t.id);
    const text = 'Sorry, something went wrong on my side. Please try again.';
    const events: BotEvent[] = [
      { type: 'error', code: error instanceof Error ? error.name : 'Error', message: 'the turn failed' },
      { type: 'text-delta', messageId: `${turn.id}:error`, delta: text },
      { type: 'text-end', messageId: `${turn.id}:error`, text },
    ];
    for (const event of events) emit(event);
    return { turnId: turn.id, conversationId: turn.conversationId, status: 'failed', events };
  }
}
