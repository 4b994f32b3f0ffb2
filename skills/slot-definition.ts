import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { FlowState } from './flow-state.ts';
import type { Reply } from './reply.ts';

/** A value a form collects from the user. */
export interface SlotDefinition {
  /** Question that asks for the value. */
  prompt: Reply | ((state: FlowState) => Reply);
  /**
   * Entity (declared by a skill) whose extracted value fills the slot. Without one the slot is free text:
   * the user's whole answer (trimmed) is the value.
   */
  entity?: string;
  /** Validates (and may transform) the value; its first issue's message is the reason shown to the user. */
  schema?: StandardSchemaV1;
  /**
   * Checks a value after the schema: return a reason (shown to the user, the slot is asked again) to reject it,
   * nothing to accept it. For what a schema cannot say: "yes" is not a reason for a return.
   *
   * @example
   * validate: (value) => (/^(yes|no|ok)$/i.test(String(value)) ? 'Please tell me why in a few words.' : undefined)
   */
  validate?: (value: unknown, state: FlowState) => string | undefined;
  /**
   * The slot takes every value of its entity in the answer, as an array ("pepperoni and mushrooms"). Default
   * false: the first value.
   */
  list?: boolean;
  /** Reason shown when the value is invalid; overrides the schema's message. */
  invalidMessage?: string;
  /** Help shown when the user asks for help while this slot is asked. */
  help?: string;
  /** Slots whose new value makes this one stale: it is asked again when one of them is corrected. Default none. */
  dependsOn?: readonly string[];
  /** Human name used in confirmations and corrections, e.g. "order number". Default: the slot name. */
  label?: string;
}
