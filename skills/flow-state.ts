import type { ChannelUser } from '../core/contracts/user-turn.ts';

/** What a flow's functions (conditions, prompts, responses, argument builders) see. */
export interface FlowState {
  /** Slot values collected so far, by slot name. */
  slots: Readonly<Record<string, unknown>>;
  /** Results of the commands this flow ran, by command name. */
  results: Readonly<Record<string, unknown>>;
  user: ChannelUser;
  /** Data the bot loaded at start (the demo's orders, stores...), from the bot's `data` option. */
  data: Readonly<Record<string, unknown>>;
}
