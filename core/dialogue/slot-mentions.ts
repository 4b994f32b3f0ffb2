import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { SlotDefinition } from '../../skills/slot-definition.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import type { FlowFrame } from './dialogue-context.ts';
import { editListSlot } from './list-slot-edit.ts';

/** English and Spanish words that say a value is being changed ("actually…", "perdona, mejor…"). */
const correctionCue =
  /^\s*(no+|nope|sorry|oops|wait|actually|wrong|not|perd[oó]n|perdona|perdone|uy|espera|mejor)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(i meant|i mean|actually|instead|should be|change|changed|switch|make it|make that|rather|correction|wrong|mistake|typo|en realidad|mejor dicho|quer[ií]a decir|quise decir|me equivoqu[eé]|cambia|c[aá]mbialo|cambiar|que sea|que sean|en vez de|en lugar de|corrijo|rectifico)(?![\p{L}\p{N}])/iu;

/** Words that say nothing of their own around a value ("a large one please"). */
const filler = new Set(['a', 'an', 'the', 'one', 'ones', 'please', 'pls', 'it', 'its', "it's", 'is', 'i', 'want', 'would', 'like', "i'd", 'just', 'ok', 'okay', 'then', 'thanks', 'of', 'for', 'me', 'be', 'will']);

/**
 * The user says they are changing something ("actually…", "no, the…", "change the size to…", "make it…",
 * "perdona, mejor…", "que sean dos").
 */
export function hasCorrectionCue(text: string): boolean {
  return correctionCue.test(text);
}

/** The value a slot takes from the entities of a turn: the first of its entity, or all of them for a list slot. */
export function slotValueOf(slot: SlotDefinition, entities: readonly ExtractedEntity[]): unknown {
  if (!slot.entity) return undefined;
  const found = entities.filter((e) => e.entity === slot.entity);
  if (found.length === 0) return undefined;
  return slot.list ? [...new Set(found.map((e) => e.value))] : found[0]!.value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Slot values the utterance's entities give for a flow's entity slots not filled yet. */
export function slotsFromEntities(
  registry: SkillRegistry,
  flow: string,
  entities: readonly ExtractedEntity[],
  filled: Readonly<Record<string, unknown>> = {},
): DialogueCommand[] {
  const commands: DialogueCommand[] = [];
  for (const [name, slot] of Object.entries(registry.flows.get(flow)?.slots ?? {})) {
    const value = slotValueOf(slot, entities);
    if (value !== undefined && filled[name] === undefined) commands.push({ type: 'set_slot', name, value });
  }
  return commands;
}

/**
 * The value a filled slot would take from this turn, and whether the turn said it changes it: a list slot is edited
 * ("add olives", "no onions", "make it ham", see {@link editListSlot}), any other slot takes the turn's value.
 */
function changedValue(slot: SlotDefinition, text: string, entities: readonly ExtractedEntity[], current: unknown): { value: unknown; cue: boolean } | undefined {
  if (slot.list && slot.entity && Array.isArray(current)) {
    const found = entities.filter((e) => e.entity === slot.entity);
    return found.length === 0 ? undefined : editListSlot(text, found, current);
  }
  const value = slotValueOf(slot, entities);
  return value === undefined ? undefined : { value, cue: false };
}

/**
 * A correction of a slot already filled in `frame`: an entity of the slot with a cue word ("actually make it
 * large", "no, the large one"; for a list slot also "add olives", "no onions"), or without one when `withoutCue`
 * (at a confirmation every new value is one). A cue with the value the slot already has is a correction too;
 * applying it says nothing changed.
 */
export function findCorrection(
  registry: SkillRegistry,
  frame: FlowFrame | null | undefined,
  text: string,
  entities: readonly ExtractedEntity[],
  withoutCue = false,
): Extract<DialogueCommand, { type: 'correct_slot' }> | undefined {
  if (!frame) return undefined;
  const cue = hasCorrectionCue(text);
  const slots = registry.flows.get(frame.flow)?.slots ?? {};
  let restated: Extract<DialogueCommand, { type: 'correct_slot' }> | undefined;
  for (const [name, slot] of Object.entries(slots)) {
    if (frame.slots[name] === undefined) continue;
    const change = changedValue(slot, text, entities, frame.slots[name]);
    if (!change || !(cue || change.cue || withoutCue)) continue;
    if (!same(frame.slots[name], change.value)) return { type: 'correct_slot', name, value: change.value };
    if (cue || change.cue) restated ??= { type: 'correct_slot', name, value: change.value };
  }
  return restated;
}

/** The text is little more than the entity values in it ("a large one", "40211 please"). */
export function isMostlyValues(text: string, entities: readonly ExtractedEntity[]): boolean {
  let rest = text;
  for (const e of [...entities].sort((a, b) => b.start - a.start)) rest = `${rest.slice(0, e.start)} ${rest.slice(e.end)}`;
  const words = (rest.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((w) => !filler.has(w));
  return words.length === 0;
}

/**
 * While a free-text slot is asked, values the turn gives for the flow's other slots, as commands: unfilled slots
 * are filled, filled ones corrected. Taken only when the turn is about them — a correction cue, hardly more than
 * the values, or a list slot's edit ("add mushrooms too") — so an address that happens to contain a word of a
 * lookup table stays an address.
 */
export function otherSlotValues(
  registry: SkillRegistry,
  frame: FlowFrame,
  asked: string,
  text: string,
  entities: readonly ExtractedEntity[],
): DialogueCommand[] {
  const slots = Object.entries(registry.flows.get(frame.flow)?.slots ?? {}).filter(([name, slot]) => name !== asked && slot.entity);
  const relevant = entities.filter((e) => e.entity !== 'boolean' && slots.some(([, slot]) => slot.entity === e.entity));
  if (relevant.length === 0) return [];
  const said = hasCorrectionCue(text) || isMostlyValues(text, relevant);
  const commands: DialogueCommand[] = [];
  for (const [name, slot] of slots) {
    if (frame.slots[name] === undefined) {
      const value = slotValueOf(slot, relevant);
      if (value !== undefined && said) commands.push({ type: 'set_slot', name, value });
      continue;
    }
    const change = changedValue(slot, text, relevant, frame.slots[name]);
    if (change && (said || change.cue)) commands.push({ type: 'correct_slot', name, value: change.value });
  }
  return commands;
}
