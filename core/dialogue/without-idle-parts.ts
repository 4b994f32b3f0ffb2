import type { DialogueCommand } from '../dialogue-command.ts';
import { isQuestion } from './is-question.ts';
import { isExplicitRequest } from './knowledge-or-action.ts';
import type { Understanding } from './understanding.ts';

const notUnderstood = (c: DialogueCommand) => c.type === 'fallback' || c.type === 'not_found';

/**
 * The parts of a several-request message without those that ask for nothing: a statement that sets the scene for
 * a request the bot understood ("my bin is still full, nobody came. when will someone come back?") and a cancel with
 * nothing to cancel ("…the blue one or the black one? I can never remember" read as cancel). Their "I couldn't find
 * anything about that" or "There's nothing to cancel" next to the answer said nothing useful. A part that asks — a
 * question, or a request in words ("I want a refund for the lamp") — keeps its "not found", so no request is dropped.
 * @param parts each request's commands, in the order of `requests`
 * @param flowActive a flow is under way, so a cancel has something to cancel
 */
export function withoutIdleParts(
  parts: readonly (readonly DialogueCommand[])[],
  requests: readonly Understanding[],
  flowActive: boolean,
): DialogueCommand[][] {
  const understood = parts.some((part) => part.some((c) => !notUnderstood(c)));
  return parts.map((part, i) => {
    const request = requests[i];
    const startsEarlier = parts.slice(0, i).some((p) => p.some((c) => c.type === 'start_flow'));
    if (part.length > 0 && part.every((c) => c.type === 'cancel_flow') && !flowActive && !startsEarlier) return [];
    const asks = request === undefined || isQuestion(request.text, request.locale) || isExplicitRequest(request.text);
    if (understood && part.length > 0 && part.every(notUnderstood) && !asks) return [];
    return [...part];
  });
}
