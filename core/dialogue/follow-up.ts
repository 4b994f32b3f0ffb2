import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import type { DialogueContext, FlowFrame } from './dialogue-context.ts';
import { slotValueOf } from './slot-mentions.ts';

/** "what about Boston?", "how about 45210", "and on sunday?", "and Chicago?", "same for Boston", "the other one". */
const elliptical =
  /^\s*(?:(?:ok(?:ay)?|and|but|so)[\s,]+)?(?:(?:what|how)\s+about|what\s+of|same\s+(?:for|with)|and(?:\s+(?:on|in|for|at|the|my|order))?|(?:on|in|for|at)\b)/i;
/**
 * "and" opening a clause of its own ("and where is my order 12345?", "and I want to return it"): a new request,
 * not an ellipsis — a question word, an auxiliary or a subject follows it.
 */
const andClause =
  /^\s*(?:(?:ok(?:ay)?|but|so)[\s,]+)?and[\s,]+(?:also[\s,]+)?(?:where|what(?!\s+(?:about|of)\b)|when|why|who|which|how(?!\s+about\b)|is|are|was|were|do|does|did|can|could|will|would|should|has|have|i|i'm|im|i'd|id|i've|ive|you|we|it|please|tell|track|check|start|cancel|return|send)\b/i;
const otherOne = /^\s*(?:(?:and|what about|how about)\s+)?the\s+other\s+(?:one|store|order)\s*\??\s*$/i;
/**
 * Spanish: "¿y en Boston?", "¿y el domingo?", "¿y Seattle?", "¿qué tal en Austin?", "lo mismo para el 45210". Spanish
 * words end at a letter, not at `\b` (ASCII-only in JavaScript).
 */
const ellipticalEs =
  /^\s*¿?\s*(?:(?:vale|bueno|pues|pero|entonces)[\s,]+)?(?:y|qué\s+tal|que\s+tal|qué\s+hay\s+de|lo\s+mismo\s+(?:para|con|en))(?![\p{L}])/iu;
/** "y" opening a Spanish clause of its own ("y dónde está mi pedido", "y quiero devolverlo"): a new request. */
const andClauseEs =
  /^\s*¿?\s*y[\s,]+(?:también[\s,]+)?(?:dónde|donde|qué(?!\s+tal)|cuándo|cuando|cuánto|cuanto|cómo|como|cuál|cual|quién|por\s+qué|es|está|están|hay|puedo|puedes|quiero|necesito|me|yo|tú|usted)(?![\p{L}])/iu;
/** A short message that opens with "and" / "y": it goes on from the request before ("and the hours?", "¿y a qué hora abre?"). */
const andOpener = /^\s*¿?\s*(?:and|y)(?![\p{L}])/iu;
/** Longest follow-up in words: past this, the message says enough to be understood on its own. */
const maxWords = 7;

const wordsOf = (text: string) => text.match(/[\p{L}\p{N}']+/gu) ?? [];

/** The message is an elliptical follow-up: short, and opens like one ("what about …", "and on …", "¿y en …?"). */
export function isEllipticalFollowUp(text: string): boolean {
  const words = wordsOf(text);
  if (words.length === 0 || words.length > maxWords) return false;
  return (!andClause.test(text) && (elliptical.test(text) || otherOne.test(text))) || (!andClauseEs.test(text) && ellipticalEs.test(text));
}

/** A short message that goes on from the last request: an elliptical follow-up, or one that opens with "and" / "y". */
export function continuesPreviousRequest(text: string): boolean {
  const words = wordsOf(text);
  return words.length > 0 && words.length <= maxWords && (isEllipticalFollowUp(text) || andOpener.test(text));
}

/** Entity slots of the frame's flow whose value the follow-up replaces: a value it names, or for "the other one" the other value seen. */
function replacements(
  registry: SkillRegistry,
  frame: FlowFrame,
  text: string,
  entities: readonly ExtractedEntity[],
  seen: DialogueContext['seen'],
): Map<string, unknown> {
  const replaced = new Map<string, unknown>();
  for (const [name, slot] of Object.entries(registry.flows.get(frame.flow)?.slots ?? {})) {
    if (!slot.entity) continue;
    const value = otherOne.test(text)
      ? [...(seen[slot.entity] ?? [])].reverse().find((v) => JSON.stringify(v) !== JSON.stringify(frame.slots[name]))
      : slotValueOf(slot, entities);
    if (value !== undefined && (frame.slots[name] !== undefined || otherOne.test(text) === false)) replaced.set(name, value);
  }
  return replaced;
}

/**
 * An elliptical follow-up to the request the bot just finished ("where is the Chicago store?" … "what about
 * Boston?"): the same flow again with the entity it names replaced and the other entity slots kept — except those
 * that depend on a replaced one (a new order needs its own e-mail) and free-text slots (a reason was for that
 * request). `undefined` when the message is not such a follow-up, names no value for the flow, or a flow is active.
 */
export function followUpCommands(
  context: DialogueContext,
  text: string,
  entities: readonly ExtractedEntity[],
  registry: SkillRegistry,
): DialogueCommand[] | undefined {
  const frame = context.recent;
  if (!frame || context.stack.length > 0 || context.pending !== null || !isEllipticalFollowUp(text)) return undefined;
  const replaced = replacements(registry, frame, text, entities, context.seen);
  if (replaced.size === 0) return undefined;
  const slots = registry.flows.get(frame.flow)?.slots ?? {};
  const kept = Object.entries(frame.slots).filter(([name, value]) => {
    const slot = slots[name];
    if (!slot?.entity || value === undefined || replaced.has(name)) return false;
    return !(slot.dependsOn ?? []).some((d) => replaced.has(d));
  });
  return [
    { type: 'start_flow', flow: frame.flow },
    ...kept.map(([name, value]): DialogueCommand => ({ type: 'set_slot', name, value })),
    ...[...replaced].map(([name, value]): DialogueCommand => ({ type: 'set_slot', name, value })),
  ];
}

/**
 * Values a new request takes from an earlier one that it leaves unnamed: for each entity slot of the flow `commands`
 * start that they do not fill (nor depend on one they fill), the value of the same entity in `earlier` (the latest first). "where is the Boston
 * store?" … "and the hours?" asks for Boston's hours; "where's the Seattle store? when is it open on sunday?" for
 * Seattle's. `commands` as they were when they start no flow or nothing is missing.
 */
export function withEarlierValues(
  commands: readonly DialogueCommand[],
  earlier: ReadonlyArray<{ entity: string; value: unknown }>,
  registry: SkillRegistry,
): DialogueCommand[] {
  const start = commands.find((c) => c.type === 'start_flow');
  if (start?.type !== 'start_flow' || earlier.length === 0) return [...commands];
  const set = new Set(commands.flatMap((c) => (c.type === 'set_slot' ? [c.name] : [])));
  const added: DialogueCommand[] = [];
  for (const [name, slot] of Object.entries(registry.flows.get(start.flow)?.slots ?? {})) {
    // A value that depends on one the new request names (an order's e-mail) was for the earlier request only.
    if (!slot.entity || slot.list === true || set.has(name) || (slot.dependsOn ?? []).some((d) => set.has(d))) continue;
    const found = [...earlier].reverse().find((e) => e.entity === slot.entity);
    if (found !== undefined) added.push({ type: 'set_slot', name, value: found.value });
  }
  return [...commands, ...added];
}

/** The entity values of a finished request's frame, by the entity each slot reads. */
export function frameValues(frame: FlowFrame, registry: SkillRegistry): Array<{ entity: string; value: unknown }> {
  const slots = registry.flows.get(frame.flow)?.slots ?? {};
  return Object.entries(frame.slots).flatMap(([name, value]) => {
    const entity = slots[name]?.entity;
    return entity !== undefined && value !== undefined ? [{ entity, value }] : [];
  });
}

/**
 * The intents whose flows take a value `entities` name, best ranked first ("Boston" → finding a store, opening
 * hours): what an elliptical follow-up with nothing before it to follow can be about. Intents with a built-in action
 * are left out.
 */
export function intentsTakingValues(
  registry: SkillRegistry,
  entities: readonly ExtractedEntity[],
  ranking: ReadonlyArray<{ intent: string }>,
): string[] {
  const named = new Set(entities.map((e) => e.entity));
  const ordered = [...new Set([...ranking.map((r) => r.intent), ...registry.intents.keys()])];
  return ordered.filter((intent) => {
    if (registry.intents.get(intent)?.action !== undefined) return false;
    const slots = registry.flows.get(registry.flowForIntent(intent) ?? '')?.slots ?? {};
    return Object.values(slots).some((slot) => slot.entity !== undefined && named.has(slot.entity));
  });
}
