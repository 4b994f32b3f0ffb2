import type { FlowState } from '../../skills/flow-state.ts';
import { normalizeReply, type Reply } from '../../skills/reply.ts';
import type { ChannelUser } from '../contracts/user-turn.ts';
import type { DialogueContext, DialogueReply, FlowFrame } from './dialogue-context.ts';
import type { DialogueEnvironment } from './dialogue-environment.ts';

const anonymous: ChannelUser = { id: 'anonymous', verified: false };

/** The view of a frame that skill functions get. */
export function flowStateOf(context: DialogueContext, frame: FlowFrame, env: DialogueEnvironment): FlowState {
  return { slots: frame.slots, results: frame.results, user: context.turn?.user ?? anonymous, data: env.data };
}

/** Resolves a reply that may be a function of the flow state. */
export function resolveReply(reply: Reply | ((state: FlowState) => Reply), state: FlowState): DialogueReply {
  return normalizeReply(typeof reply === 'function' ? reply(state) : reply);
}

/** Queues a reply in the context's outbox. */
export function say(context: DialogueContext, reply: Reply): void {
  context.outbox.push({ type: 'reply', reply: normalizeReply(reply) });
}
