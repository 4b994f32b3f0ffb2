import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Logger } from 'pino';
import type { ChannelUser } from '../core/contracts/user-turn.ts';

/** What a command sees when it runs. */
export interface CommandContext {
  user: ChannelUser;
  conversationId: string;
  turnId: string;
  /** Aborted when the turn is superseded; long work should stop. */
  signal: AbortSignal;
  /** The bot's data (from its `data` option). */
  data: Readonly<Record<string, unknown>>;
  log: Logger;
  /**
   * Stable key of this call, derived from the conversation, the turn id and the call (name and arguments). A
   * command with side effects records it beside what it does (the order it places, the return it opens), so
   * that {@link CommandDefinition.recover} can find the work a crashed run already did.
   */
  idempotencyKey: string;
}

/** What {@link CommandDefinition.recover} found: the earlier run's result, or that it left nothing behind. */
export type CommandRecovery = { done: true; value: unknown } | { done: false };

/**
 * What {@link CommandDefinition.authorize} decides: the call may run, or it is refused with a reason the user is
 * told (say what proof is missing, never whether the object exists) and, for a lock, when to try again.
 */
export type CommandAuthorization = { allowed: true } | { allowed: false; reason: string; retryAfterMs?: number };

/**
 * A skill command: a typed action the bot can take, from a flow step or a model's tool call. `Result` is what
 * `execute` resolves to; flows of the same skill see it, typed, as `state.results.<command>`.
 */
export interface CommandDefinition<Schema extends StandardSchemaV1 = StandardSchemaV1, Result = unknown> {
  description: string;
  /** Schema of the arguments object (zod or any Standard Schema library). */
  parameters: Schema;
  /** True when the command changes something outside the conversation; it then needs the user's confirmation. */
  sideEffects?: boolean;
  /** True when only a user verified by the channel may run it. */
  requiresVerifiedUser?: boolean;
  /**
   * Object-level authorization: decides whether this caller may act on the object the arguments name (the order,
   * the booking), from `ctx.user` and the proof the arguments carry. The executor runs it after the arguments
   * passed the schema and before the command is journaled or run, whoever asked for the call (a flow step or a
   * model's tool call); a refusal is the `forbidden` refusal, whose reason the dialogue says. A throw refuses too
   * (fail closed). Default: every caller the other guards let through may run the command.
   */
  authorize?(args: StandardSchemaV1.InferOutput<Schema>, ctx: CommandContext): CommandAuthorization | Promise<CommandAuthorization>;
  /** Runs the command. The returned JSON-serialisable value is stored as the flow's result. */
  execute(args: StandardSchemaV1.InferOutput<Schema>, ctx: CommandContext): Promise<Result>;
  /**
   * Resolves a call of a command with side effects that was journaled as started but never finished (the
   * process died, or its result could not be recorded): look `ctx.idempotencyKey` up and return the result of
   * the work already done (`{ done: true, value }`), or `{ done: false }` when nothing was done, in which case
   * the call runs. Without `recover`, such a call is never run again: the user is told it could not be
   * completed. Commands without side effects are simply run again and need none.
   */
  recover?(args: StandardSchemaV1.InferOutput<Schema>, ctx: CommandContext): Promise<CommandRecovery>;
}

/**
 * Defines a command with its argument types inferred from the schema and its result type from `execute`; both
 * are kept, so a flow of the same skill reads `state.results.<command>` with the result's type.
 */
export function defineCommand<Schema extends StandardSchemaV1, Result>(
  definition: CommandDefinition<Schema, Result>,
): CommandDefinition<Schema, Result> {
  return definition;
}
