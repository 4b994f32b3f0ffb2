import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Logger } from 'pino';
import type { ChannelUser } from '../core/user-turn.ts';

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
}

/** A skill command: a typed action the bot can take, from a flow step or (later) a model's tool call. */
export interface CommandDefinition<Schema extends StandardSchemaV1 = StandardSchemaV1> {
  description: string;
  /** Schema of the arguments object (zod or any Standard Schema library). */
  parameters: Schema;
  /** True when the command changes something outside the conversation; it then needs the user's confirmation. */
  sideEffects?: boolean;
  /** True when only a user verified by the channel may run it. */
  requiresVerifiedUser?: boolean;
  /** Runs the command. The returned JSON-serialisable value is stored as the flow's result. */
  execute(args: StandardSchemaV1.InferOutput<Schema>, ctx: CommandContext): Promise<unknown>;
}

/** Defines a command with its argument types inferred from the schema. */
export function defineCommand<Schema extends StandardSchemaV1>(
  definition: CommandDefinition<Schema>,
): CommandDefinition {
  return definition as unknown as CommandDefinition;
}
