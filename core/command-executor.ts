import type { Logger } from 'pino';
import type { SkillRegistry } from './skill-registry.ts';
import type { ChannelUser } from './contracts/user-turn.ts';

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
      try {
        const value = await command.execute(parsed.value, {
          user: scope.user,
          conversationId: scope.conversationId,
          turnId: scope.turnId,
          signal: scope.signal,
          data,
          log: callLog,
        });
        callLog.info({ args: call.args, durationMs: now() - started }, 'command ran');
        return { ok: true, value };
      } catch (error) {
        callLog.error({ err: error, args: call.args, durationMs: now() - started }, 'command failed');
        return refuse('failed', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
