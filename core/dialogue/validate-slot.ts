import type { EntityDefinition } from '../../engine/nlu/entity.ts';
import type { FlowState } from '../../skills/flow-state.ts';
import type { SlotDefinition } from '../../skills/slot-definition.ts';
import { type DialogueMessages, defaultDialogueMessages } from '../contracts/dialogue-messages.ts';
import { ConfigError } from '../contracts/errors/config-error.ts';
import { schemaIssueReason } from './schema-issue-reason.ts';

/** The outcome of checking a slot value. */
export type SlotValidation = { ok: true; value: unknown } | { ok: false; reason: string };

/** What a slot value is checked against besides the slot itself. */
export interface SlotValidationScope {
  /** The flow's state, for the slot's `validate`. */
  state: FlowState;
  /** The bot's entities: a lookup slot only takes its table's values. */
  entities: Readonly<Record<string, EntityDefinition>>;
  messages: Pick<DialogueMessages, 'chooseOne' | 'notUnderstood' | 'outOfRange' | 'notValid'>;
}

/** Entity kinds whose slot may take the user's words when the entity finds nothing in them. */
const takesWords: ReadonlySet<string> = new Set(['lookup', 'learned']);

function label(name: string, slot: SlotDefinition): string {
  return slot.label ?? name.replaceAll('_', ' ');
}

/**
 * Checks a value for a slot: a slot of a typed entity never takes words its entity found nothing in
 * (`unrecognized`: "yes" is no e-mail address), a lookup slot takes only its table's values, then the schema
 * (which may transform the value), then the slot's `validate`. The reason is the slot's `invalidMessage`, the
 * schema's first issue in the user's words ({@link schemaIssueReason}), or what `validate` returned.
 */
export function validateSlot(name: string, slot: SlotDefinition, value: unknown, scope?: SlotValidationScope, unrecognized = false): SlotValidation {
  const entity = slot.entity && scope ? scope.entities[slot.entity] : undefined;
  if (unrecognized && entity && !takesWords.has(entity.kind)) {
    const notUnderstood = scope!.messages.notUnderstood ?? defaultDialogueMessages.notUnderstood!;
    return { ok: false, reason: slot.invalidMessage ?? notUnderstood(label(name, slot)) };
  }
  if (entity?.kind === 'lookup') {
    const options = Object.keys(entity.values);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.some((v) => !options.includes(String(v)))) {
      return { ok: false, reason: slot.invalidMessage ?? scope!.messages.chooseOne(label(name, slot), options) };
    }
  }
  let checked = value;
  if (slot.schema) {
    const result = slot.schema['~standard'].validate(value);
    if (result instanceof Promise) {
      throw new ConfigError(`slots.${name}.schema`, 'a synchronous schema (slot values are checked while the turn runs)');
    }
    if (result.issues) {
      return { ok: false, reason: slot.invalidMessage ?? schemaIssueReason(result.issues[0], label(name, slot), scope?.messages ?? defaultDialogueMessages) };
    }
    checked = result.value;
  }
  const reason = slot.validate && scope ? slot.validate(checked, scope.state) : undefined;
  if (typeof reason === 'string') return { ok: false, reason };
  return { ok: true, value: checked };
}
