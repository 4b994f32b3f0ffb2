import { suggest } from '../../skills/reply.ts';
import { defaultDialogueMessages } from '../contracts/dialogue-messages.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { DialogueContext, FlowFrame } from './dialogue-context.ts';
import { cancelFlow, confirmCancel } from './cancel-flow.ts';
import type { DialogueEnvironment } from './dialogue-environment.ts';
import { flowStateOf, resolveReply, say } from './flow-state-of.ts';
import { saysNotKnown } from './says-not-known.ts';
import { type SlotValidationScope, validateSlot } from './validate-slot.ts';

/** A new frame for a flow. */
export function newFrame(flow: string): FlowFrame {
  return { flow, step: 0, slots: {}, results: {}, confirmed: [], attempts: 0 };
}

/** Titles of the intents offered as suggestions. */
export function capabilitySuggestions(env: DialogueEnvironment) {
  return suggest(...[...env.registry.intents].filter(([, d]) => d.suggest !== false).map(([name]) => env.registry.title(name)));
}

function scopeOf(context: DialogueContext, frame: FlowFrame, env: DialogueEnvironment): SlotValidationScope {
  return { state: flowStateOf(context, frame, env), entities: env.registry.entities, messages: env.messages };
}

function setSlot(context: DialogueContext, env: DialogueEnvironment, name: string, value: unknown, unrecognized = false): void {
  const frame = context.stack.at(-1);
  const slot = frame && env.registry.flows.get(frame.flow)?.slots?.[name];
  if (!frame || !slot) return;
  // "I don't know it" is no value, not even for a free-text slot: the slot's help says where to find it, and how to get out.
  if (typeof value === 'string' && saysNotKnown(value)) {
    say(context, [slot.help, env.messages.withoutAnswer ?? defaultDialogueMessages.withoutAnswer].filter(Boolean).join(' '));
    return;
  }
  const checked = validateSlot(name, slot, value, scopeOf(context, frame, env), unrecognized);
  if (checked.ok) {
    frame.slots[name] = checked.value;
    frame.attempts = 0;
    if (context.pending?.kind === 'slot' && context.pending.slot === name) context.pending = null;
    return;
  }
  frame.attempts += 1;
  const flow = env.registry.flows.get(frame.flow);
  if (frame.attempts >= (flow?.maxAttempts ?? 3)) {
    context.stack.pop();
    context.pending = null;
    say(context, { text: `${checked.reason} ${env.messages.tooManyAttempts}`, suggestions: capabilitySuggestions(env) });
    return;
  }
  say(context, checked.reason);
}

function correctSlot(context: DialogueContext, env: DialogueEnvironment, name: string, value: unknown): void {
  let frame = context.stack.at(-1);
  if (!frame || frame.slots[name] === undefined) {
    if (!context.recent || context.recent.slots[name] === undefined) return;
    frame = context.recent;
    context.stack.push(frame);
    context.recent = null;
  }
  const flow = env.registry.flows.get(frame.flow);
  const slot = flow?.slots?.[name];
  if (!flow || !slot) return;
  const label = slot.label ?? name.replaceAll('_', ' ');
  const shown = (v: unknown) => (Array.isArray(v) ? (env.messages.listOf ?? defaultDialogueMessages.listOf!)(v.map(String)) : String(v));
  if (JSON.stringify(frame.slots[name]) === JSON.stringify(value)) {
    say(context, env.messages.unchanged(label, shown(value)));
    return;
  }
  const checked = validateSlot(name, slot, value, scopeOf(context, frame, env));
  if (!checked.ok) {
    say(context, checked.reason);
    return;
  }
  for (const [other, definition] of Object.entries(flow.slots ?? {})) {
    if (definition.dependsOn?.includes(name)) delete frame.slots[other];
  }
  frame.slots[name] = checked.value;
  Object.assign(frame, { step: 0, results: {}, confirmed: [], attempts: 0 });
  context.pending = null;
  say(context, env.messages.corrected(label, shown(checked.value)));
}

function help(context: DialogueContext, env: DialogueEnvironment): void {
  const frame = context.stack.at(-1);
  const flow = frame && env.registry.flows.get(frame.flow);
  if (!frame || !flow) {
    say(context, { text: env.messages.generalHelp, suggestions: capabilitySuggestions(env) });
    return;
  }
  const slotHelp = context.pending?.kind === 'slot' ? flow.slots?.[context.pending.slot]?.help : undefined;
  say(context, [flow.help ?? env.messages.helpInFlow(flow.description), slotHelp].filter(Boolean).join(' '));
}

function confirm(context: DialogueContext, env: DialogueEnvironment, accepted: boolean): void {
  const pending = context.pending;
  if (pending?.kind === 'cancel') {
    confirmCancel(context, env, accepted);
    return;
  }
  if (pending?.kind === 'offer') {
    // "yes" to an offer is interpreted as the flow's start; this is the "no".
    context.pending = null;
    say(context, env.messages.declined);
    return;
  }
  const frame = context.stack.at(-1);
  if (pending?.kind !== 'confirm' || !frame) return;
  context.pending = null;
  if (accepted) {
    frame.confirmed.push(pending.command);
    return;
  }
  const flow = env.registry.flows.get(frame.flow);
  const step = flow?.steps[frame.step];
  context.stack.pop();
  // A declined request is still the last one made: "no" then "what about tuesday?" asks it again for tuesday.
  context.recent = frame;
  if (step && 'confirm' in step && step.declined !== undefined) {
    say(context, resolveReply(step.declined, flowStateOf(context, frame, env)));
  } else {
    say(context, env.messages.declined);
  }
}

/**
 * Applies one dialogue command to a draft context (mutating it), queueing what the bot says. Commands that
 * need effects (`call_command`) are left to the executor.
 */
export function applyDialogueCommand(context: DialogueContext, command: DialogueCommand, env: DialogueEnvironment): void {
  if ((context.pending?.kind === 'clarify' && command.type !== 'clarify') || (context.pending?.kind === 'offer' && command.type !== 'confirm')) context.pending = null;
  // Anything but an answer to "Cancel your order?" goes back to the question the cancel interrupted.
  if (context.pending?.kind === 'cancel' && !['cancel_flow', 'confirm', 'chitchat'].includes(command.type)) context.pending = context.pending.resume;
  switch (command.type) {
    case 'start_flow': {
      if (context.stack.at(-1)?.flow !== command.flow) context.stack.push(newFrame(command.flow));
      context.pending = null;
      return;
    }
    case 'set_slot':
      setSlot(context, env, command.name, command.value, command.unrecognized === true);
      return;
    case 'correct_slot':
      correctSlot(context, env, command.name, command.value);
      return;
    case 'cancel_flow':
      cancelFlow(context, env);
      return;
    case 'clarify': {
      const [first = '', second = ''] = command.options.map((o) => env.registry.title(o));
      context.pending = { kind: 'clarify', options: command.options, entities: [] };
      say(context, { text: env.messages.clarify(first, second), suggestions: suggest(first, second) });
      return;
    }
    case 'help':
      help(context, env);
      return;
    case 'handoff': {
      context.stack = [];
      context.pending = null;
      context.handoff = { reason: command.reason, at: env.now() };
      context.outbox.push({ type: 'handoff', reason: command.reason });
      say(context, env.messages.handoff);
      return;
    }
    case 'confirm':
      confirm(context, env, command.accepted);
      return;
    case 'answer': {
      const title = command.offer ? env.registry.title(command.offer) : undefined;
      const offer = title ? suggest(title) : [];
      const offerAction = env.messages.offerAction ?? defaultDialogueMessages.offerAction!;
      const question = title ? `\n\n${offerAction(title)}` : '';
      const spokenQuestion = title ? ` ${offerAction(title)}` : '';
      const hedge = command.tentative ? `${env.messages.tentativeAnswer ?? defaultDialogueMessages.tentativeAnswer!}` : '';
      if (command.written) say(context, { text: `${command.source}${question}`, speak: spokenQuestion.trim(), suggestions: offer });
      else {
        const text = `${hedge ? `${hedge}\n\n` : ''}${command.text}\n\n${command.source}${question}`;
        say(context, { text, speak: `${hedge ? `${hedge} ` : ''}${command.speak ?? command.text}${spokenQuestion}`, suggestions: offer });
      }
      if (command.offer && context.stack.length === 0 && context.pending === null) context.pending = { kind: 'offer', intent: command.offer };
      return;
    }
    case 'queue_flow': {
      const description = env.registry.flows.get(command.flow)?.description;
      if (!description) return;
      context.queued = [...(context.queued ?? []), { flow: command.flow, slots: command.slots }];
      say(context, (env.messages.queued ?? defaultDialogueMessages.queued!)(description));
      return;
    }
    case 'not_found': {
      const title = command.offer ? env.registry.title(command.offer) : undefined;
      if (command.offer && title) {
        const notFoundOffer = env.messages.notFoundOffer ?? defaultDialogueMessages.notFoundOffer!;
        say(context, { text: notFoundOffer(title), suggestions: suggest(title) });
        if (context.stack.length === 0 && context.pending === null) context.pending = { kind: 'offer', intent: command.offer };
        return;
      }
      const person = [...env.registry.intents.values()].some((d) => d.action === 'handoff');
      say(context, {
        text: env.messages.notFound,
        suggestions: person ? suggest(env.messages.talkToPerson) : capabilitySuggestions(env),
      });
      return;
    }
    case 'chitchat':
      say(context, command.text);
      return;
    case 'fallback': {
      if (context.pending?.kind === 'confirm') say(context, env.messages.answerYesOrNo);
      else if (!context.pending) say(context, { text: env.messages.fallback, suggestions: capabilitySuggestions(env) });
      return;
    }
    case 'call_command':
      context.next = { kind: 'call', command: command.name, args: command.args, direct: true };
      return;
  }
}
