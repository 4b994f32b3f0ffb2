import type { DialogueCommand } from '../dialogue-command.ts';

/** Commands that say something and leave the flows as they are. */
const sayingTypes = new Set<DialogueCommand['type']>(['answer', 'not_found', 'chitchat', 'help', 'fallback']);

function withoutOffer(answer: Extract<DialogueCommand, { type: 'answer' }>): DialogueCommand {
  const { offer: _offer, ...rest } = answer;
  return rest;
}

/** The flow a part starts, with the slot values that come with it, if it starts one. */
function flowOf(commands: readonly DialogueCommand[]): Extract<DialogueCommand, { type: 'queue_flow' }> | undefined {
  const start = commands.find((c) => c.type === 'start_flow');
  if (start?.type !== 'start_flow') return undefined;
  const slots = Object.fromEntries(commands.flatMap((c) => (c.type === 'set_slot' ? [[c.name, c.value]] : [])));
  return { type: 'queue_flow', flow: start.flow, slots };
}

/**
 * The commands of a message with several requests, from each request's own commands: everything that only answers
 * comes first, in order (knowledge answers, "not found", help, and flows that only reply, such as opening hours);
 * then the first request that acts (a flow that asks or calls a command, a handoff, a cancel, a clarifying
 * question); every later acting flow is queued (`queue_flow`), which the bot says, and
 * starts when the one before it ends. Nothing is dropped silently: a request that was not understood while others
 * were gets "I couldn't find anything about that", so the user knows one part went unanswered.
 *
 * @example
 * combineRequests([
 *   [{ type: 'start_flow', flow: 'order_status' }, { type: 'set_slot', name: 'order_id', value: '12345' }],
 *   [{ type: 'answer', text: '…', source: '…' }],
 * ]) // [answer, start_flow order_status, set_slot order_id]
 */
export function combineRequests(
  parts: readonly (readonly DialogueCommand[])[],
  flowActs: (flow: string) => boolean = () => true,
): DialogueCommand[] {
  const answers: DialogueCommand[] = [];
  const replying: DialogueCommand[][] = [];
  const acting: DialogueCommand[] = [];
  const queued: DialogueCommand[] = [];
  const understood = parts.some((part) => part.some((c) => c.type !== 'fallback'));
  for (const part of parts) {
    for (const c of part) {
      if (!sayingTypes.has(c.type)) continue;
      answers.push(c.type === 'fallback' && understood ? { type: 'not_found' } : c);
    }
    const rest = part.filter((c) => !sayingTypes.has(c.type));
    if (rest.length === 0) continue;
    const flow = flowOf(rest);
    if (flow && !flowActs(flow.flow)) replying.push(rest);
    else if (acting.length === 0) acting.push(...rest);
    else if (flow) queued.push(flow);
  }
  // One "didn't understand" is enough, however many parts were not understood.
  const said = new Set<string>();
  const unique = answers.filter((c) => {
    if (c.type !== 'fallback' && c.type !== 'not_found') return true;
    if (said.has(c.type)) return false;
    said.add(c.type);
    return true;
  });
  // An answer's offer to start an action is moot when the message asks for an action too.
  const settled = acting.length > 0 ? unique.map((c) => (c.type === 'answer' && c.offer ? withoutOffer(c) : c)) : unique;
  // Flows that only reply are stacked above the acting one, the first request on top, so they answer first.
  return [...settled, ...acting, ...replying.reverse().flat(), ...queued];
}
