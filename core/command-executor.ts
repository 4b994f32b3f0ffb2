import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConversationStore, Lease } from './contracts/conversation-store.ts';
import type { ChannelUser } from './contracts/user-turn.ts';
import type { CommandContext, CommandDefinition } from '../skills/command-definition.ts';
import { isStoreUnavailable } from './contracts/errors/store-unavailable-error.ts';
import { maskArgs } from './mask-args.ts';
import { redactPii, redactPiiDeep } from './redact-pii.ts';
import type { SkillRegistry } from './skill-registry.ts';

/** A request to run a skill command. */
export interface CommandCall {
  name: string;
  args: Record<string, unknown>;
}

/** What the executor needs to know about the turn and dialogue state a call comes from. */
export interface ExecutionScope {
  conversationId: string;
  turnId: string;
  user: ChannelUser;
  signal: AbortSignal;
  /** Commands allowed in the current dialogue state. */
  allowed: ReadonlySet<string>;
  /** Commands with side effects the user has confirmed in the conversation. */
  confirmed: readonly string[];
  /** Commands already run in this turn, in order (the executor appends). */
  executed: string[];
  /**
   * The conversation's lease. Commands with side effects are journaled under it; without one (a bot without a
   * store, a unit test) they run unjournaled.
   */
  lease?: Lease;
}

/** Why a call was refused or failed. */
export type CommandRefusal =
  | 'unknown_command'
  | 'not_allowed'
  | 'invalid_args'
  | 'needs_confirmation'
  | 'unverified_user'
  | 'forbidden'
  | 'too_many_commands'
  | 'duplicate'
  | 'aborted'
  | 'unresolved'
  | 'failed';

/**
 * The outcome of one call: its result, or why there is none. A `forbidden` refusal's message is the command's own
 * reason for the user (see `CommandDefinition.authorize`), with `retryAfterMs` when the check is locked for a while.
 */
export type CommandOutcome =
  | { ok: true; value: unknown }
  | { ok: false; refusal: CommandRefusal; message: string; retryAfterMs?: number };

/** Options of {@link createCommandExecutor}. */
export interface CommandExecutorOptions {
  registry: SkillRegistry;
  log: Logger;
  /** The bot's data, given to commands. */
  data: Readonly<Record<string, unknown>>;
  /** Commands one turn may run. */
  maxCommandsPerTurn: number;
  /** Milliseconds clock, for the duration in the log line. */
  now: () => number;
  /**
   * The effects journal: a command with side effects is recorded here before it runs and its result after, so
   * that a retry, a restart or a second process never runs it twice blindly. Journal failures are thrown
   * (the command does not run). Default: none (commands run unjournaled).
   */
  journal?: ConversationStore;
  /**
   * Mask e-mails, phone and card numbers in everything the executor logs (error messages included) and in the
   * arguments it records in the effects journal. The audit line's arguments are masked either way. Default false.
   */
  redactPii?: boolean;
}

/** The idempotency key of a call: conversation, turn id, command and arguments (hashed, so it has a fixed length). */
export function idempotencyKey(conversationId: string, turnId: string, call: CommandCall): string {
  const hash = createHash('sha256').update(JSON.stringify([conversationId, turnId, call.name, call.args])).digest('base64url');
  return `${call.name}:${hash.slice(0, 32)}`;
}

/** Runs skill commands under the dialogue's guards. */
export interface CommandExecutor {
  execute(call: CommandCall, scope: ExecutionScope): Promise<CommandOutcome>;
}

function refuse(refusal: CommandRefusal, message: string, retryAfterMs?: number): CommandOutcome {
  return { ok: false, refusal, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** Runs a command's `authorize` hook; a throw refuses (fail closed), except a store outage, which fails the turn. */
async function authorizeCall(command: CommandDefinition, args: unknown, ctx: CommandContext): Promise<CommandOutcome | undefined> {
  if (!command.authorize) return undefined;
  try {
    const decision = await command.authorize(args, ctx);
    return decision.allowed ? undefined : refuse('forbidden', decision.reason, decision.retryAfterMs);
  } catch (error) {
    if (isStoreUnavailable(error)) throw error;
    ctx.log.error({ err: error }, 'authorize failed; the call is refused');
    return refuse('forbidden', "Sorry, I couldn't check that you may do this. Please try again later.");
  }
}

/** What one call did, for its audit line: the outcome, and the error of a command that threw. */
type Ran = { outcome: CommandOutcome; err?: unknown; note?: string };

/**
 * The one executor every command goes through, whoever asked for it (a flow step or a model's tool call).
 * A call must name a command allowed in the current state, pass its schema, be confirmed by the user when
 * it has side effects, come from a verified user when it requires one, stay within the per-turn limit, run
 * at most once per turn, and pass the command's own `authorize` hook (object-level authorization: is this
 * caller the owner of what the arguments name?). Every call, run or refused, gets one audit log line (who,
 * conversation, turn, command, arguments with personal data masked, outcome); a command that throws is
 * reported, not rethrown.
 */
export function createCommandExecutor(options: CommandExecutorOptions): CommandExecutor {
  const { registry, log, data, maxCommandsPerTurn, now } = options;
  const check = (call: CommandCall, scope: ExecutionScope): CommandOutcome | undefined => {
    const command = registry.commands.get(call.name);
    if (!command) return refuse('unknown_command', `no command named "${call.name}"`);
    if (!scope.allowed.has(call.name)) return refuse('not_allowed', `"${call.name}" is not allowed in this dialogue state`);
    if (command.sideEffects && !scope.confirmed.includes(call.name)) {
      return refuse('needs_confirmation', `"${call.name}" has side effects and the user has not confirmed it`);
    }
    if (command.requiresVerifiedUser && !scope.user.verified) {
      return refuse('unverified_user', `"${call.name}" requires a verified user`);
    }
    if (scope.executed.length >= maxCommandsPerTurn) {
      return refuse('too_many_commands', `at most ${maxCommandsPerTurn} commands run in one turn`);
    }
    if (scope.executed.includes(call.name)) return refuse('duplicate', `"${call.name}" already ran in this turn`);
    if (scope.signal.aborted) return refuse('aborted', 'the turn was superseded before the command started');
    return undefined;
  };

  /** Runs an accepted call (schema, authorization, journal, recovery) and says what happened. */
  const run = async (call: CommandCall, scope: ExecutionScope, callLog: Logger): Promise<Ran> => {
    const command = registry.commands.get(call.name)!;
    const parsed = await command.parameters['~standard'].validate(call.args);
    if (parsed.issues) {
      const issue = parsed.issues[0];
      const path = issue?.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || 'args';
      return { outcome: refuse('invalid_args', `invalid arguments for "${call.name}": ${path}: ${issue?.message ?? 'invalid'}`) };
    }
    const key = idempotencyKey(scope.conversationId, scope.turnId, call);
    const ctx: CommandContext = { user: scope.user, conversationId: scope.conversationId, turnId: scope.turnId, signal: scope.signal, data, log: callLog, idempotencyKey: key };
    // Counted before authorization (the dialogue records a forbidden call as run too), so a refused proof cannot
    // be tried again within the same turn.
    scope.executed.push(call.name);
    const forbidden = await authorizeCall(command, parsed.value, ctx);
    if (forbidden) return { outcome: forbidden };
    const journaled = command.sideEffects === true && options.journal !== undefined && scope.lease !== undefined;
    // A journal failure is thrown, not refused: the command must not run and the turn fails as retryable.
    // The journal keeps the arguments as a record only (recovery uses the call's own); with redactPii they are masked.
    const journalArgs = options.redactPii && typeof parsed.value === 'object' && parsed.value !== null ? maskArgs(parsed.value as Record<string, unknown>) : parsed.value;
    const record = journaled ? await options.journal!.beginEffect({ key, conversationId: scope.conversationId, turnId: scope.turnId, command: call.name, args: journalArgs, lease: scope.lease! }) : { status: 'new' as const };
    if (record.status === 'finished') return { outcome: { ok: true, value: record.result }, note: 'journaled result reused' };
    try {
      if (record.status === 'started') {
        const recovered = command.recover ? await command.recover(parsed.value, ctx) : undefined;
        if (!recovered) {
          return { outcome: refuse('unresolved', `"${call.name}" was started before and its outcome is unknown`), note: 'started earlier, never finished, no recover()' };
        }
        if (recovered.done) {
          await options.journal!.finishEffect(key, recovered.value);
          return { outcome: { ok: true, value: recovered.value }, note: 'recovered an earlier run' };
        }
      }
      const value = await command.execute(parsed.value, ctx);
      if (journaled) await options.journal!.finishEffect(key, value ?? null);
      return { outcome: { ok: true, value } };
    } catch (error) {
      if (isStoreUnavailable(error)) throw error;
      return { outcome: refuse('failed', error instanceof Error ? error.message : String(error)), err: error };
    }
  };

  return {
    async execute(call, scope) {
      const callLog = log.child({ conversationId: scope.conversationId, turnId: scope.turnId, command: call.name });
      const started = now();
      const refused = check(call, scope);
      const { outcome, err, note } = refused ? { outcome: refused, err: undefined, note: undefined } : await run(call, scope, callLog);
      // The audit line: one per call, whoever asked for it, with the arguments' personal data masked.
      const line = {
        audit: 'command',
        user: { id: scope.user.id, verified: scope.user.verified },
        args: maskArgs(call.args),
        outcome: outcome.ok ? 'ok' : outcome.refusal === 'failed' || outcome.refusal === 'unresolved' ? 'failed' : 'refused',
        ...(outcome.ok ? {} : { refusal: outcome.refusal, reason: options.redactPii ? redactPii(outcome.message) : outcome.message }),
        ...(note ? { note } : {}),
        ...(err !== undefined ? { err: options.redactPii ? redactPiiDeep(err) : err } : {}),
        durationMs: now() - started,
      };
      if (outcome.ok) callLog.info(line, 'command ran');
      else if (outcome.refusal === 'failed' || outcome.refusal === 'unresolved') callLog.error(line, 'command failed');
      else callLog.warn(line, 'command refused');
      return outcome;
    },
  };
}
