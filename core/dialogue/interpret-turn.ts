import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { FlowDefinition } from '../../skills/flow-definition.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import type { DialogueContext, FlowFrame } from './dialogue-context.ts';
import type { DialoguePolicy } from '../contracts/dialogue-policy.ts';
import { exampleOverlap } from './example-overlap.ts';
import { answerOverUnsureIntent } from './answer-over-unsure-intent.ts';
import { asksForAction, isClearQuestion, isQuestion } from './is-question.ts';
import { withReasonClause } from './reason-clause.ts';
import { saysNotKnown } from './says-not-known.ts';
import { withoutIdleParts } from './without-idle-parts.ts';
import { findCorrection, isMostlyValues, otherSlotValues, slotsFromEntities, slotValueOf } from './slot-mentions.ts';
import { combineRequests } from './combine-requests.ts';
import { continuesPreviousRequest, followUpCommands, frameValues, intentsTakingValues, isEllipticalFollowUp, withEarlierValues } from './follow-up.ts';
import { actionNamedIn, answerCommand, answerInsteadOfAction, asksAboutOtherAction, flowActs, flowHasSideEffects, knowledgeIntentTurn, namesRules, reportsEarlierAction } from './knowledge-or-action.ts';
import type { Understanding } from './understanding.ts';

const ordinals: Record<string, number> = { first: 0, '1': 0, one: 0, second: 1, '2': 1, two: 1, third: 2, '3': 2 };

function fillsAnySlot(slots: FlowDefinition['slots'], entities: readonly ExtractedEntity[]): boolean {
  return Object.values(slots ?? {}).some((slot) => slot.entity !== undefined && entities.some((e) => e.entity === slot.entity));
}

function mentionsSlotEntity(registry: SkillRegistry, intent: string, entities: readonly ExtractedEntity[]): boolean {
  return fillsAnySlot(registry.flows.get(registry.flowForIntent(intent) ?? '')?.slots, entities);
}

function mentionsAnySlotEntity(registry: SkillRegistry, entities: readonly ExtractedEntity[]): boolean {
  return [...registry.flows.values()].some((flow) => fillsAnySlot(flow.slots, entities));
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
 * A question asked while a slot is pending is a digression, never the slot's value: another intent's answer or
 * flow when the classifier is sure of it, else the knowledge base's passage, else "not found"; the slot's
 * question is asked again after it.
 */
function digress(understanding: Understanding, frame: FlowFrame, registry: SkillRegistry, confident: boolean): DialogueCommand[] {
  const intent = understanding.prediction.intent;
  const knowledge = understanding.knowledgeForIntent ?? understanding.knowledge;
  const definition = intent ? registry.intents.get(intent) : undefined;
  if (confident && intent && definition?.knowledge && knowledge) return [answerCommand(knowledge)];
  if (confident && intent && registry.flowForIntent(intent) !== frame.flow) return startFlow(registry, intent, understanding.entities);
  if (understanding.knowledge) return [answerCommand(understanding.knowledge)];
  // A question about the flow itself that the documents do not answer gets the flow's help.
  if (confident && intent && registry.flowForIntent(intent) === frame.flow) return [{ type: 'help' }];
  return [{ type: 'not_found' }];
}

/** What the classifier read, with the policy applied: shared by the parts of {@link interpretTurn}. */
interface Reading {
  understanding: Understanding;
  registry: SkillRegistry;
  policy: DialoguePolicy;
  /** The intent, null when none or out of scope. */
  intent: string | null;
  confident: boolean;
  /** Confident enough to interrupt the pending question (stricter for a free-text slot). */
  interrupts: boolean;
}

/** The answer to a pending slot: its value, other slots' values, a digression, or (free text) the text itself. */
function answerSlot(r: Reading, frame: FlowFrame, asked: string): DialogueCommand[] {
  const { understanding, registry, intent, confident, interrupts } = r;
  const { text, entities } = understanding;
  const sameFlow = confident && intent !== null && registry.flowForIntent(intent) === frame.flow;
  const refill = sameFlow ? findCorrection(registry, frame, text, entities, true) : undefined;
  if (refill && refill.name !== asked) return [refill];
  const slot = registry.flows.get(frame.flow)?.slots?.[asked];
  const value = slot ? slotValueOf(slot, entities) : undefined;
  if (value !== undefined) {
    return [{ type: 'set_slot', name: asked, value }, ...slotsFromEntities(registry, frame.flow, entities, { ...frame.slots, [asked]: value })];
  }
  const others = otherSlotValues(registry, frame, asked, text, entities);
  if (others.length > 0) return others;
  if (interrupts && intent !== null && registry.flowForIntent(intent) !== frame.flow) return startFlow(registry, intent, entities);
  if (isClearQuestion(text)) return digress(understanding, frame, registry, confident);
  // "I want to book a cleaning" asked for a day restates the flow: its values count, and the question is asked again.
  if (sameFlow && slot?.entity !== undefined && !isMostlyValues(text, entities)) {
    return [{ type: 'start_flow', flow: frame.flow }, ...slotsFromEntities(registry, frame.flow, entities, frame.slots)];
  }
  // A free-text answer that also names other slots' values ("Main Street 5, 40211") fills those not filled yet.
  const words = slot?.entity === undefined ? {} : { unrecognized: true as const };
  return [{ type: 'set_slot', name: asked, value: text.trim(), ...words }, ...slotsFromEntities(registry, frame.flow, entities, { ...frame.slots, [asked]: text })];
}

/** A turn that answers no question: a knowledge answer, a clarification, a new flow or more slots for the active one. */
function interpretFreshTurn(r: Reading, frame: FlowFrame | undefined): DialogueCommand[] {
  const { understanding, registry, policy, intent, confident } = r;
  const { prediction, entities, text, knowledge, locale } = understanding;
  const [top, second] = prediction.ranking;
  if (!confident || !intent || !top) {
    // "what about Boston?" with nothing before it to follow: the flow that takes the value, or which one is meant.
    const candidates = !frame && isEllipticalFollowUp(text) ? intentsTakingValues(registry, entities, prediction.ranking) : [];
    if (candidates.length === 1) return startFlow(registry, candidates[0]!, entities);
    if (candidates.length > 1) return [{ type: 'clarify', options: [candidates[0]!, candidates[1]!] }];
    if (knowledge) return [answerCommand(knowledge)];
    // A value for one of the bot's slots ("about 40211") says the turn is for this bot after all.
    const offTopic = prediction.offTopic === true && !mentionsAnySlotEntity(registry, entities) ? { offTopic: true as const } : {};
    return [knowledge === null && isQuestion(text, locale) ? { type: 'not_found', ...offTopic } : { type: 'fallback', ...offTopic }];
  }
  const intentKnowledge = understanding.knowledgeForIntent ?? knowledge;
  // "refund policy" is read as the question it stands for.
  const asked = namesRules(text) ? `${text.trimEnd()}?` : text;
  // A value of the intent's slots says the intent is meant ("is order 12345 shipped?" looks it up) — but a question
  // the documents clearly answer never starts a flow with side effects ("what time do you close on thursday?" is no
  // booking for thursday): it is answered and the booking offered.
  const namesValue = mentionsSlotEntity(registry, intent, entities);
  const asksAboutActing =
    namesValue && knowledge && flowHasSideEffects(registry, intent) && isQuestion(asked, locale) && !asksForAction(asked, locale);
  const knowledgeIntent = registry.intents.get(intent)?.knowledge === true && (!namesValue || asksAboutActing === true);
  if (intentKnowledge && knowledgeIntent && isQuestion(asked, locale)) {
    const acts = flowActs(registry, intent);
    const reply = answerCommand(intentKnowledge);
    // A question about the topic ("refund policy for sale items?") is answered and the action only offered;
    // a request phrased as a question ("can you open a return?") also starts it.
    if (!acts) {
      // Answered by an intent that only replies, about something the bot can do: that action is offered.
      const offer = actionNamedIn(registry, asked);
      return [offer ? { ...reply, offer } : reply];
    }
    const orders = asksForAction(asked, locale) && !asksAboutOtherAction(registry, intent, asked);
    return orders ? [reply, ...startFlow(registry, intent, entities)] : [{ ...reply, offer: intent }];
  }
  const silent = knowledgeIntent && !frame ? knowledgeIntentTurn({ registry, intent, text: asked, knowledge, intentKnowledge, ...(locale ? { locale } : {}) }) : undefined;
  if (silent) return silent;
  // A statement routed to a knowledge intent takes the passage a question about it would ("the shoes I got are the
  // wrong size": the exchanges section, hedged when the documents are not clearly about it).
  const statementKnowledge = knowledge ?? (knowledgeIntent ? intentKnowledge : undefined);
  const instead = frame ? undefined : answerInsteadOfAction(registry, intent, text, statementKnowledge, mentionsSlotEntity(registry, intent, entities));
  if (instead) return instead;
  // "I booked a pickup … but I don't need it anymore" tells of the action, it does not order it again.
  if (!frame && flowHasSideEffects(registry, intent) && reportsEarlierAction(registry, intent, text)) {
    const told = knowledge ?? intentKnowledge;
    return [told ? answerCommand(told) : { type: 'not_found' }];
  }
  if (second && top.confidence - second.confidence < policy.clarifyMargin && second.confidence >= policy.clarifyMinConfidence) {
    return [{ type: 'clarify', options: [top.intent, second.intent] }];
  }
  if (frame && registry.flowForIntent(intent) === frame.flow) return slotsFromEntities(registry, frame.flow, entities, frame.slots);
  return withReasonClause(startFlow(registry, intent, entities), registry, text);
}

/**
 * Turns what the classifier read into dialogue commands, knowing what the bot just asked. Corrections come
 * first ("actually make it large" is not a cancel, "no, the large one" not a no); global intents and
 * digressions win over slot filling only when confident; a free-text slot takes neither a question nor
 * another slot's value; close intents are clarified. Pure: the same context and understanding always give the
 * same commands.
 */
export function interpretTurn(
  context: DialogueContext,
  understanding: Understanding,
  registry: SkillRegistry,
  policy: DialoguePolicy,
): DialogueCommand[] {
  const { prediction, entities, text } = understanding;
  const intent = prediction.outOfScope ? null : prediction.intent;
  const confident = intent !== null && prediction.confidence >= policy.minConfidence;
  const pending = context.pending;
  const frame = context.stack.at(-1);
  const action = intent ? registry.intents.get(intent)?.action : undefined;
  const answer = entities.find((e) => e.entity === 'boolean' && e.start === 0);

  if (pending?.kind === 'offer') {
    if (answer) return answer.value === true ? startFlow(registry, pending.intent, entities) : [{ type: 'confirm', accepted: false }];
    return interpretTurn({ ...context, pending: null }, understanding, registry, policy);
  }
  // Several requests in one message: each is read on its own, answers first, then at most one flow (the rest queued).
  if (pending === null && understanding.requests && understanding.requests.length > 1) {
    const requests = understanding.requests;
    // A later request takes the values an earlier one named and it leaves out ("where's the Seattle store? when is it open on sunday?").
    const parts = requests.map((part, i) =>
      withEarlierValues(interpretTurn(context, { ...part, requests: [] }, registry, policy), requests.slice(0, i).flatMap((r) => r.entities), registry),
    );
    return combineRequests(withoutIdleParts(parts, requests, context.stack.length > 0), (flow) => registry.flows.get(flow)?.steps.some((s) => 'call' in s || 'collect' in s) ?? false);
  }
  if (pending?.kind === 'cancel') {
    if (answer) return [{ type: 'confirm', accepted: answer.value === true }];
    if (action === 'cancel' && confident) return [{ type: 'cancel_flow' }];
    // Anything else answers the question the cancel interrupted.
    return interpretTurn({ ...context, pending: pending.resume }, understanding, registry, policy);
  }
  if (pending?.kind === 'clarify') {
    const chosen = chooseClarified(understanding, pending.options, registry);
    if (chosen) return startFlow(registry, chosen, [...pending.entities, ...entities]);
  }
  // At a confirmation every value that differs from the one confirmed is a correction, cue word or not.
  const correction = findCorrection(registry, frame ?? context.recent, text, entities, pending?.kind === 'confirm');
  if (correction && (pending?.kind !== 'slot' || correction.name !== pending.slot)) return [correction];
  if (pending?.kind === 'confirm' && answer) return [{ type: 'confirm', accepted: answer.value === true }];

  const slot = pending?.kind === 'slot' && frame ? registry.flows.get(frame.flow)?.slots?.[pending.slot] : undefined;
  // "No, I don't have it" answers the question (with the slot's help), it does not cancel or start anything.
  if (pending?.kind === 'slot' && slot && saysNotKnown(text)) {
    return [{ type: 'set_slot', name: pending.slot, value: text.trim(), ...(slot.entity === undefined ? {} : { unrecognized: true as const }) }];
  }
  const strong = confident && prediction.confidence >= policy.interruptConfidence;
  // A turn that is nothing but a value of the asked slot ("tomorrow", "pasado mañana") answers it, whatever
  // intent its few words resemble ("see you tomorrow" is a goodbye).
  const ownValues = slot?.entity === undefined ? [] : entities.filter((e) => e.entity === slot.entity);
  const justTheAnswer = ownValues.length > 0 && isMostlyValues(text, ownValues);
  const interrupts =
    !justTheAnswer &&
    intent !== null &&
    (slot !== undefined && slot.entity === undefined
      ? prediction.confidence >= policy.freeTextInterruptConfidence &&
        exampleOverlap(text, registry.intents.get(intent)?.examples ?? []) >= policy.freeTextInterruptOverlap
      : strong);
  if (pending === null && !frame && intent && confident) {
    const { knowledge, locale } = understanding;
    const namesSlotValue = mentionsSlotEntity(registry, intent, entities);
    const below = policy.knowledgeOverIntentConfidence;
    const over = answerOverUnsureIntent({ registry, intent, confidence: prediction.confidence, text, ...(locale ? { locale } : {}), knowledge, namesSlotValue, below });
    if (over) return over;
  }
  if (intent && action && (pending === null ? confident : interrupts)) return startFlow(registry, intent, entities);
  const followUp = followUpCommands(context, text, entities, registry);
  if (followUp) return followUp;

  if (pending?.kind === 'confirm') {
    if (strong && intent && registry.flowForIntent(intent) !== pending.flow) return startFlow(registry, intent, entities);
    return [{ type: 'fallback' }];
  }
  const reading: Reading = { understanding, registry, policy, intent, confident, interrupts };
  if (pending?.kind === 'slot' && frame) return answerSlot(reading, frame, pending.slot);
  const fresh = interpretFreshTurn(reading, frame);
  // "where is the Boston store?" … "and the hours?": a short continuation keeps the values the last request named.
  const recent = context.recent;
  return !frame && pending === null && recent && continuesPreviousRequest(text) ? withEarlierValues(fresh, frameValues(recent, registry), registry) : fresh;
}
