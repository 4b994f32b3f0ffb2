import type { SlotDefinition } from '../../skills/slot-definition.ts';
import { ConfigError } from '../contracts/errors/config-error.ts';

/** The outcome of checking a slot value. */
export type SlotValidation = { ok: true; value: unknown } | { ok: false; reason: string };

/** Checks a value against the slot's schema; the reason is the slot's message or the schema's first issue. */
export function validateSlot(name: string, slot: SlotDefinition, value: unknown): SlotValidation {
  if (!slot.schema) return { ok: true, value };
  const result = slot.schema['~standard'].validate(value);
  if (result instanceof Promise) {
    throw new ConfigError(`slots.${name}.schema`, 'a synchronous schema (slot values are checked while the turn runs)');
  }
  if (result.issues) {
    return { ok: false, reason: slot.invalidMessage ?? result.issues[0]?.message ?? 'That value is not valid.' };
  }
  return { ok: true, value: result.value };
}
