import { suggest } from '../../skills/reply.ts';
import type { FlowDefinition } from '../../skills/flow-definition.ts';
import { defaultDialogueMessages } from '../contracts/dialogue-messages.ts';
import type { DialogueContext, FlowFrame } from './dialogue-context.ts';
import type { DialogueEnvironment } from './dialogue-environment.ts';
import { flowStateOf, resolveReply, say } from './flow-state-of.ts';
import { validateSlot } from './validate-slot.ts';

/** The command the frame's current step calls, if that step is a call. */
export function stepCall(frame: FlowFrame, env: DialogueEnvironment): string | undefined {
  const step = env.registry.flows.get(frame.flow)?.steps[frame.step];
  return step && 'call' in step ? step.call : undefined;
}

/**
 * The commands the executor may run in this dialogue state: the one the active flow's current step calls, and
 * the tools offered to the model this turn. Everything else is refused as not allowed.
 */
export function allowedCommands(context: DialogueContext, env: DialogueEnvironment): string[] {
  const frame = context.stack.at(-1);
  const step = frame ? stepCall(frame, env) : undefined;
  return [...(step ? [step] : []), ...(context.turn?.offered ?? [])];
}

function nextCallAfter(flow: FlowDefinition, index: number): string {
  const step = flow.steps.slice(index).find((s) => 'call' in s);
  return step && 'call' in step ? step.call : '';
}

function defaultArgs(frame: FlowFrame, parameters: unknown): Record<string, unknown> {
  const shape = (parameters as { shape?: Record<string, unknown> }).shape;
  const names = shape ? Object.keys(shape) : Object.keys(frame.slots);
  return Object.fromEntries(names.filter((n) => frame.slots[n] !== undefined).map((n) => [n, frame.slots[n]]));
}

function withPrefix(prefix: string | null, text: string): string {
  return prefix ? `${prefix} ${text}` : text;
}

/** Fills a queued flow's slots with the values its request named, each checked as if the user had just given it. */
function fillQueuedSlots(context: DialogueContext, frame: FlowFrame, slots: Record<string, unknown>, env: DialogueEnvironment): void {
  const definitions = env.registry.flows.get(frame.flow)?.slots ?? {};
  for (const [name, value] of Object.entries(slots)) {
    const slot = definitions[name];
    if (!slot) continue;
    const scope = { state: flowStateOf(context, frame, env), entities: env.registry.entities, messages: env.messages };
    const checked = validateSlot(name, slot, value, scope);
    if (checked.ok) frame.slots[name] = checked.value;
  }
}

/**
 * Runs the active flow forward on a draft context until it needs the user (a question is asked and
 * `pending` set), needs a command (`next` is a call), or the stack is empty. Finished flows are popped;
 * a flow below a finished one resumes with its question asked again.
 */
export function advanceFlows(context: DialogueContext, env: DialogueEnvironment): void {
  // A call the turn's commands asked for directly (the model's `call_command`) goes to the executor first.
  if (context.next.kind === 'call' && context.next.direct === true) return;
  context.next = { kind: 'wait' };
  if (context.pending?.kind === 'clarify' || context.pending?.kind === 'cancel' || context.handoff) return;
  let resumed: string | null = null;
  for (;;) {
    const frame = context.stack.at(-1);
    const queued = frame ? undefined : context.queued?.[0];
    if (queued) {
      context.queued = context.queued!.slice(1);
      const description = env.registry.flows.get(queued.flow)?.description;
      if (description) {
        const started: FlowFrame = { flow: queued.flow, step: 0, slots: {}, results: {}, confirmed: [], attempts: 0 };
        context.stack.push(started);
        fillQueuedSlots(context, started, queued.slots, env);
        say(context, (env.messages.nextRequest ?? defaultDialogueMessages.nextRequest!)(description));
        resumed = null;
      }
      continue;
    }
    if (!frame) {
      if (context.pending?.kind !== 'offer') context.pending = null;
      return;
    }
    const flow = env.registry.flows.get(frame.flow);
    const step = flow?.steps[frame.step];
    if (!flow || !step) {
      context.stack.pop();
      if (flow) context.recent = frame;
      const below = context.stack.at(-1);
      const belowFlow = below && env.registry.flows.get(below.flow);
      resumed = belowFlow ? env.messages.resume(belowFlow.description) : null;
      continue;
    }
    const state = flowStateOf(context, frame, env);
    if (step.when && !step.when(state)) {
      frame.step += 1;
      continue;
    }
    if ('collect' in step) {
      if (frame.slots[step.collect] !== undefined) {
        frame.step += 1;
        continue;
      }
      context.pending = { kind: 'slot', flow: frame.flow, slot: step.collect };
      const prompt = resolveReply(flow.slots?.[step.collect]?.prompt ?? step.collect, state);
      say(context, { ...prompt, text: withPrefix(resumed, prompt.text), speak: withPrefix(resumed, prompt.speak) });
      return;
    }
    if ('confirm' in step) {
      const command = nextCallAfter(flow, frame.step);
      if (frame.confirmed.includes(command)) {
        frame.step += 1;
        continue;
      }
      context.pending = { kind: 'confirm', flow: frame.flow, command };
      const question = resolveReply(step.confirm, state);
      say(context, { ...question, text: withPrefix(resumed, question.text), suggestions: suggest(env.messages.yes, env.messages.no) });
      return;
    }
    if ('call' in step) {
      const command = env.registry.commands.get(step.call);
      if (command?.sideEffects && !frame.confirmed.includes(step.call)) {
        context.pending = { kind: 'confirm', flow: frame.flow, command: step.call };
        say(context, {
          text: env.messages.confirmCommand(command.description),
          suggestions: suggest(env.messages.yes, env.messages.no),
        });
        return;
      }
      context.pending = null;
      const args = step.args ? step.args(state) : defaultArgs(frame, command?.parameters);
      context.next = { kind: 'call', command: step.call, args };
      return;
    }
    say(context, resolveReply(step.respond, state));
    frame.step += 1;
  }
}

/** Records a finished command in the active frame and moves past its step; a failure ends the flow. */
export function completeCall(
  context: DialogueContext,
  outcome: { ok: true; value: unknown } | { ok: false; message: string },
  env: DialogueEnvironment,
): void {
  if (context.next.kind !== 'call') return;
  const name = context.next.command;
  context.next = { kind: 'wait' };
  const frame = context.stack.at(-1);
  const fromStep = frame !== undefined && stepCall(frame, env) === name;
  if (!outcome.ok) {
    if (fromStep) context.stack.pop();
    say(context, outcome.message);
    return;
  }
  if (!frame || !fromStep) return;
  frame.results[name] = outcome.value ?? null;
  frame.step += 1;
}
