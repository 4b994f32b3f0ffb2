import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { FlowDefinition } from '../../skills/flow-definition.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import type { DialogueContext, FlowFrame } from './dialogue-context.ts';
import type { DialoguePolicy } from '../contracts/dialogue-policy.ts';
import { exampleOverlap } from './example-overlap.ts';
import type { Understanding } from './understanding.ts';

const correctionCue =
  /^\s*(no+|nope|sorry|oops|wait|actually|wrong|not)\b|\b(i meant|i mean|actually|instead|should be|change (it|that)|correction|wrong|mistake|typo)\b/i;
const ordinals: Record<string, number> = { first: 0, '1': 0, one: 0, second: 1, '2': 1, two: 1, third: 2, '3': 2 };

const questionStart =
  /^\s*(how|what|what's|whats|when|where|why|which|who|is|are|do|does|did|will|would|should|may|can|could|if|tell me|explain)\b/i;

/** A question ("how much does a return cost?", "can I return a swimsuit?") rather than a statement or an order. */
export function isQuestion(text: string): boolean {
  return questionStart.test(text) || /\?\s*$/.test(text);
}

function fillsAnySlot(slots: FlowDefinition['slots'], entities: readonly ExtractedEntity[]): boolean {
  return Object.values(slots ?? {}).some((slot) => slot.entity !== undefined && entities.some((e) => e.entity === slot.entity));
}

function mentionsSlotEntity(registry: SkillRegistry, intent: string, entities: readonly ExtractedEntity[]): boolean {
  return fillsAnySlot(registry.flows.get(registry.flowForIntent(intent) ?? '')?.slots, entities);
}

function mentionsAnySlotEntity(registry: SkillRegistry, entities: readonly ExtractedEntity[]): boolean {
  return [...registry.flows.values()].some((flow) => fillsAnySlot(flow.slots, entities));
}

/** Slot values the utterance's entities give for a flow's entity slots. */
export function slotsFromEntities(
  registry: SkillRegistry,
  flow: string,
  entities: readonly ExtractedEntity[],
  filled: Readonly<Record<string, unknown>> = {},
): DialogueCommand[] {
  const slots = registry.flows.get(flow)?.slots ?? {};
  const commands: DialogueCommand[] = [];
  for (const [name, slot] of Object.entries(slots)) {
    const found = entities.find((e) => e.entity === slot.entity);
    if (slot.entity && found && filled[name] === undefined) commands.push({ type: 'set_slot', name, value: found.value });
  }
  return commands;
}

/** A correction: a cue word and an entity that re-fills a slot already filled in `frame`. */
function findCorrection(
  registry: SkillRegistry,
  frame: FlowFrame | null | undefined,
  understanding: Understanding,
  withoutCue = false,
): DialogueCommand | undefined {
  if (!frame || !(withoutCue || correctionCue.test(understanding.text))) return undefined;
  const slots = registry.flows.get(frame.flow)?.slots ?? {};
  for (const [name, slot] of Object.entries(slots)) {
    const found = understanding.entities.find((e) => e.entity === slot.entity);
    if (slot.entity && found && frame.slots[name] !== undefined && frame.slots[name] !== found.value) {
      return { type: 'correct_slot', name, value: found.value };
    }
  }
  return undefined;
}

function startFlow(registry: SkillRegistry, intent: string, entities: readonly ExtractedEntity[]): DialogueCommand[] {
  const action = registry.intents.get(intent)?.action;
  if (action === 'cancel') return [{ type: 'cancel_flow' }];
  if (action === 'help') return [{ type: 'help' }];
  if (action === 'handoff') return [{ type: 'handoff', reason: intent }];
  const flow = registry.flowForIntent(intent);
  if (!flow) return [{ type: 'fallback' }];
  return [{ type: 'start_flow', flow }, ...slotsFromEntities(registry, flow, entities)];
}

function chooseClarified(understanding: Understanding, options: readonly string[], registry: SkillRegistry) {
  const text = understanding.text.trim().toLowerCase();
  const byTitle = options.find((o) => registry.title(o).toLowerCase() === text || o === text);
  if (byTitle) return byTitle;
  const ordinal = ordinals[text.replace(/^(the|option)\s+/, '').replace(/\s+(one|option)$/, '')];
  if (ordinal !== undefined && options[ordinal]) return options[ordinal];
  const ranked = understanding.prediction.ranking.filter((r) => options.includes(r.intent));
  const best = ranked[0];
  return best && best.confidence >= 0.2 ? best.intent : undefined;
}

/**
 * Turns what the classifier read into dialogue commands, knowing what the bot just asked: global intents
 * and digressions win over slot filling only when confident, corrections re-fill a slot, close intents
 * are clarified. Pure: the same context and understanding always give the same commands.
 */
export function interpretTurn(
  context: DialogueContext,
  understanding: Understanding,
  registry: SkillRegistry,
  policy: DialoguePolicy,
): DialogueCommand[] {
  const { prediction, entities } = understanding;
  const top = prediction.ranking[0];
  const second = prediction.ranking[1];
  const intent = prediction.outOfScope ? null : prediction.intent;
  const confident = intent !== null && prediction.confidence >= policy.minConfidence;
  const strong = confident && prediction.confidence >= policy.interruptConfidence;
  const pending = context.pending;
  const frame = context.stack.at(-1);

  if (pending?.kind === 'clarify') {
    const chosen = chooseClarified(understanding, pending.options, registry);
    if (chosen) return startFlow(registry, chosen, [...pending.entities, ...entities]);
  }
  const correction = findCorrection(registry, frame ?? context.recent, understanding);
  const answer = entities.find((e) => e.entity === 'boolean' && e.start === 0);
  if (pending?.kind === 'confirm' && !correction && answer) return [{ type: 'confirm', accepted: answer.value === true }];

  const slot = pending?.kind === 'slot' && frame ? registry.flows.get(frame.flow)?.slots?.[pending.slot] : undefined;
  const freeText = slot !== undefined && slot.entity === undefined;
  const interrupts =
    intent !== null &&
    (freeText
      ? prediction.confidence >= policy.freeTextInterruptConfidence &&
        exampleOverlap(understanding.text, registry.intents.get(intent)?.examples ?? []) >= policy.freeTextInterruptOverlap
      : strong);
  const action = intent ? registry.intents.get(intent)?.action : undefined;
  if (intent && action && (pending === null ? confident : interrupts)) return startFlow(registry, intent, entities);

  if (pending?.kind === 'confirm') {
    if (correction) return [correction];
    if (strong && intent && registry.flowForIntent(intent) !== pending.flow) return startFlow(registry, intent, entities);
    return [{ type: 'fallback' }];
  }
  if (pending?.kind === 'slot' && frame) {
    const sameFlow = confident && intent !== null && registry.flowForIntent(intent) === frame.flow;
    const refill = correction ?? findCorrection(registry, frame, understanding, sameFlow);
    if (refill && refill.type === 'correct_slot' && refill.name !== pending.slot) return [refill];
    const otherFlow = interrupts && intent !== null && registry.flowForIntent(intent) !== frame.flow;
    if (slot?.entity) {
      const found = entities.find((e) => e.entity === slot.entity);
      if (found) {
        return [
          { type: 'set_slot', name: pending.slot, value: found.value },
          ...slotsFromEntities(registry, frame.flow, entities, { ...frame.slots, [pending.slot]: found.value }),
        ];
      }
      if (otherFlow) return startFlow(registry, intent as string, entities);
    } else if (otherFlow) {
      return startFlow(registry, intent as string, entities);
    }
    return [{ type: 'set_slot', name: pending.slot, value: understanding.text.trim() }];
  }

  if (correction) return [correction];
  const knowledge = understanding.knowledge;
  if (!confident || !intent || !top) {
    if (knowledge) return [{ type: 'answer', text: knowledge.text, source: knowledge.citation }];
    // A value for one of the bot's slots ("about 40211") says the turn is for this bot after all.
    const offTopic = prediction.offTopic === true && !mentionsAnySlotEntity(registry, entities) ? { offTopic: true as const } : {};
    return [knowledge === null && isQuestion(understanding.text) ? { type: 'not_found', ...offTopic } : { type: 'fallback', ...offTopic }];
  }
  const definition = registry.intents.get(intent);
  const intentKnowledge = understanding.knowledgeForIntent ?? knowledge;
  if (intentKnowledge && definition?.knowledge && isQuestion(understanding.text) && !mentionsSlotEntity(registry, intent, entities)) {
    const flow = registry.flows.get(registry.flowForIntent(intent) ?? '');
    const acts = flow?.steps.some((s) => 'call' in s || 'collect' in s) ?? false;
    const answer: DialogueCommand = { type: 'answer', text: intentKnowledge.text, source: intentKnowledge.citation };
    // The policy answer comes first; a flow that acts then starts, so "can I return this?" followed by an
    // order number still opens the return.
    return acts ? [answer, ...startFlow(registry, intent, entities)] : [answer];
  }
  if (second && top.confidence - second.confidence < policy.clarifyMargin && second.confidence >= policy.clarifyMinConfidence) {
    return [{ type: 'clarify', options: [top.intent, second.intent] }];
  }
  if (frame && registry.flowForIntent(intent) === frame.flow) return slotsFromEntities(registry, frame.flow, entities, frame.slots);
  return startFlow(registry, intent, entities);
}
