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
/** Longest follow-up in words: past this, the message says enough to be understood on its own. */
const maxWords = 7;

/** The message is an elliptical follow-up: short, and opens like one ("what about …", "and on …"). */
export function isEllipticalFollowUp(text: string): boolean {
  const words = text.match(/[\p{L}\p{N}']+/gu) ?? [];
  return words.length > 0 && words.length <= maxWords && !andClause.test(text) && (elliptical.test(text) || otherOne.test(text));
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
