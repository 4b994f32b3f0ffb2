import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConversationStore, Lease } from './contracts/conversation-store.ts';
import type { ChannelUser } from './contracts/user-turn.ts';
import type { CommandContext } from '../skills/command-definition.ts';
import { isStoreUnavailable } from './contracts/errors/store-unavailable-error.ts';
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
  | 'too_many_commands'
  | 'duplicate'
  | 'aborted'
  | 'unresolved'
  | 'failed';

/** The outcome of one call: its result, or why there is none. */
export type CommandOutcome =
  | { ok: true; value: unknown }
  | { ok: false; refusal: CommandRefusal; message: string };

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

function refuse(refusal: CommandRefusal, message: string): CommandOutcome {
  return { ok: false, refusal, message };
}

/**
 * The one executor every command goes through, whoever asked for it (a flow step or a model's tool call).
 * A call must name a command allowed in the current state, pass its schema, be confirmed by the user when
 * it has side effects, come from a verified user when it requires one, stay within the per-turn limit and
 * run at most once per turn. Every call and refusal is logged; a command that throws is reported, not
 * rethrown.
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

  return {
    async execute(call, scope) {
      const callLog = log.child({ conversationId: scope.conversationId, turnId: scope.turnId, command: call.name });
      const refused = check(call, scope);
      if (refused && !refused.ok) {
        callLog.warn({ refusal: refused.refusal, args: call.args }, `command refused: ${refused.message}`);
        return refused;
      }
      const command = registry.commands.get(call.name)!;
      const parsed = await command.parameters['~standard'].validate(call.args);
      if (parsed.issues) {
        const issue = parsed.issues[0];
        const path = issue?.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || 'args';
        const message = `invalid arguments for "${call.name}": ${path}: ${issue?.message ?? 'invalid'}`;
        callLog.warn({ refusal: 'invalid_args', args: call.args }, message);
        return refuse('invalid_args', message);
      }
      scope.executed.push(call.name);
      const started = now();
      const key = idempotencyKey(scope.conversationId, scope.turnId, call);
      const ctx: CommandContext = { user: scope.user, conversationId: scope.conversationId, turnId: scope.turnId, signal: scope.signal, data, log: callLog, idempotencyKey: key };
      const journaled = command.sideEffects === true && options.journal !== undefined && scope.lease !== undefined;
      // A journal failure is thrown, not refused: the command must not run and the turn fails as retryable.
      const record = journaled ? await options.journal!.beginEffect({ key, conversationId: scope.conversationId, turnId: scope.turnId, command: call.name, args: parsed.value, lease: scope.lease! }) : { status: 'new' as const };
      if (record.status === 'finished') {
        callLog.info({ key }, 'command already ran; its journaled result is used');
        return { ok: true, value: record.result };
      }
      try {
        if (record.status === 'started') {
          const recovered = command.recover ? await command.recover(parsed.value, ctx) : undefined;
          if (!recovered) {
            callLog.error({ key, args: call.args }, 'command started earlier and never finished; it has no recover() and is not run again');
            return refuse('unresolved', `"${call.name}" was started before and its outcome is unknown`);
          }
          if (recovered.done) {
            await options.journal!.finishEffect(key, recovered.value);
            callLog.info({ key }, 'command recovered the result of an earlier run');
            return { ok: true, value: recovered.value };
          }
        }
        const value = await command.execute(parsed.value, ctx);
        if (journaled) await options.journal!.finishEffect(key, value ?? null);
        callLog.info({ args: call.args, durationMs: now() - started }, 'command ran');
        return { ok: true, value };
      } catch (error) {
        if (isStoreUnavailable(error)) throw error;
        callLog.error({ err: error, args: call.args, durationMs: now() - started }, 'command failed');
        return refuse('failed', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
