import { suggest } from '../../skills/reply.ts';
import type { DialogueContext, FlowFrame } from './dialogue-context.ts';
import type { DialogueEnvironment } from './dialogue-environment.ts';
import { resolveReply, flowStateOf, say } from './flow-state-of.ts';

/** The frame has answers to lose and a command with side effects still ahead: cancelling it is worth a question. */
function worthAsking(frame: FlowFrame, env: DialogueEnvironment): boolean {
  const flow = env.registry.flows.get(frame.flow);
  if (!flow || flow.cancelQuestion === false || Object.keys(frame.slots).length === 0) return false;
  return flow.steps.slice(frame.step).some((step) => 'call' in step && env.registry.commands.get(step.call)?.sideEffects === true);
}

function drop(context: DialogueContext, env: DialogueEnvironment): void {
  context.pending = null;
  const frame = context.stack.pop();
  if (!frame) {
    say(context, env.messages.nothingToCancel);
    return;
  }
  const flow = env.registry.flows.get(frame.flow);
  say(context, flow?.cancelled ?? env.messages.cancelled(flow?.description ?? frame.flow));
}

/**
 * Cancels what the user is doing: a handoff, or the active flow. A flow with a side effect still ahead and
 * answers given is not dropped at once: the bot asks ("Cancel your order?") and waits; a second cancel, or
 * "yes", drops it.
 */
export function cancelFlow(context: DialogueContext, env: DialogueEnvironment): void {
  if (context.handoff) {
    context.pending = null;
    context.handoff = null;
    say(context, env.messages.backFromHandoff);
    return;
  }
  const frame = context.stack.at(-1);
  if (context.pending?.kind !== 'cancel' && frame && worthAsking(frame, env)) {
    const flow = env.registry.flows.get(frame.flow)!;
    const pending = context.pending?.kind === 'offer' ? null : context.pending;
    context.pending = { kind: 'cancel', flow: frame.flow, resume: pending };
    const question = flow.cancelQuestion
      ? resolveReply(flow.cancelQuestion, flowStateOf(context, frame, env))
      : resolveReply(env.messages.confirmCancel(flow.description), flowStateOf(context, frame, env));
    say(context, { ...question, suggestions: suggest(env.messages.yes, env.messages.no) });
    return;
  }
  drop(context, env);
}

/** The user's answer to "Cancel your order?": yes drops the flow, no goes back to the question it interrupted. */
export function confirmCancel(context: DialogueContext, env: DialogueEnvironment, accepted: boolean): void {
  if (context.pending?.kind !== 'cancel') return;
  if (accepted) {
    drop(context, env);
    return;
  }
  context.pending = context.pending.resume;
  say(context, env.messages.carryOn);
}
