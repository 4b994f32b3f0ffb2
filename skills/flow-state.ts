import type { ChannelUser } from '../core/contracts/user-turn.ts';

/**
 * What a flow's functions (conditions, prompts, responses, argument builders) see. Inside `defineSkill` the
 * slots and results are typed from the skill's slot schemas and command return types; on its own (in a helper
 * taking any flow's state) both are records of unknown values.
 */
export interface FlowState<
  Slots extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>,
  Results extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>,
> {
  /** Slot values collected so far, by slot name (a slot not filled yet is undefined). */
  slots: Slots;
  /** Results of the commands this flow ran, by command name (undefined before the command ran). */
  results: Results;
  user: ChannelUser;
  /** Data the bot loaded at start (the demo's orders, stores...), from the bot's `data` option. */
  data: Readonly<Record<string, unknown>>;
}
