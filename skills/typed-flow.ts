import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { EntityDefinition } from '../engine/nlu/entity.ts';
import type { CommandDefinition } from './command-definition.ts';
import type { FlowState } from './flow-state.ts';
import type { Reply } from './reply.ts';

/**
 * The value an entity gives a slot: a lookup's canonical values; a weekday's English name; the text of a regex,
 * digit string, learned span, e-mail, phone or URL, or a date / time in ISO form; a number for numbers, ordinals, people,
 * money (the amount), percentages and durations (seconds); a boolean.
 */
export type EntityValue<E> = E[keyof E & 'kind'] extends 'lookup'
  ? Extract<keyof E[keyof E & 'values'], string>
  : E[keyof E & 'kind'] extends 'weekday'
    ? 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'
    : E[keyof E & 'kind'] extends 'regex' | 'digits' | 'learned' | 'date' | 'time' | 'datetime' | 'email' | 'phone' | 'url'
      ? string
      : E[keyof E & 'kind'] extends 'number' | 'ordinal' | 'people' | 'money' | 'percentage' | 'duration'
        ? number
        : E[keyof E & 'kind'] extends 'boolean'
          ? boolean
          : unknown;

/**
 * The type of a slot's value: its schema's output; else its entity's value (an array of them for a list
 * slot); else, for a free-text slot, a string. Written with indexed access rather than `infer`, which does not
 * see the slot's properties while the skill's flows are still being inferred.
 */
export type SlotValue<S, Entities> = 'schema' extends keyof S
  ? S['schema' & keyof S] extends StandardSchemaV1
    ? StandardSchemaV1.InferOutput<S['schema' & keyof S]>
    : unknown
  : 'entity' extends keyof S
    ? S['entity' & keyof S] extends keyof Entities
      ? 'list' extends keyof S
        ? [S['list' & keyof S]] extends [true]
          ? Array<EntityValue<Entities[S['entity' & keyof S]]>>
          : EntityValue<Entities[S['entity' & keyof S]]>
        : EntityValue<Entities[S['entity' & keyof S]]>
      : unknown
    : string;

/** What a command's `execute` resolves to. */
export type CommandResult<C> = C extends { execute(...args: never[]): Promise<infer R> } ? R : unknown;

/** The flow state a skill's flow functions see: slots typed from the slot definitions, results from the commands. */
export type TypedFlowState<Slots, Entities, Commands> = FlowState<
  { readonly [K in keyof Slots]?: SlotValue<Slots[K], Entities> },
  { readonly [K in keyof Commands]?: CommandResult<Commands[K]> }
>;

/** Names a call step may use: the skill's own commands, or any name when the skill declares none (they are elsewhere). */
export type CallName<Commands> = [keyof Commands] extends [never] ? string : Extract<keyof Commands, string>;

/**
 * One step of a typed flow: `collect` names one of the flow's slots, `call` one of the skill's commands; `if` with
 * `then` (and `else`) branches: those steps run while the condition holds (or does not), read again before each.
 */
export type TypedFlowStep<Slots, Entities, Commands> = { when?: (state: TypedFlowState<Slots, Entities, Commands>) => boolean } & (
  | { collect: Extract<keyof Slots, string> }
  | { confirm: (state: TypedFlowState<Slots, Entities, Commands>) => Reply; declined?: Reply }
  | { call: CallName<Commands>; args?: (state: TypedFlowState<Slots, Entities, Commands>) => Record<string, unknown> }
  | { respond: Reply | ((state: TypedFlowState<Slots, Entities, Commands>) => Reply) }
  | {
      if: (state: TypedFlowState<Slots, Entities, Commands>) => boolean;
      then: ReadonlyArray<TypedFlowStep<Slots, Entities, Commands>>;
      else?: ReadonlyArray<TypedFlowStep<Slots, Entities, Commands>>;
    }
);

/** Any command, whatever its schema and result. */
export type AnyCommand = CommandDefinition<StandardSchemaV1, unknown>;

/** Any entity declarations. */
export type EntityDeclarations = Record<string, EntityDefinition>;
