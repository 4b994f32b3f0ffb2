import { readFileSync } from 'node:fs';
import { postTurn } from './turn-client.ts';

/** One message of the Acme return flow and the reply it gets (return ids as `R-#`, see {@link normalizeReply}). */
export interface ReturnFlowStep {
  text: string;
  reply: string;
}

/** The Acme return flow as the bot runs it now, for a REST (unverified) user. */
export interface ReturnFlow {
  /** Every message up to the "Done! Return R-…" reply, in order. */
  steps: ReturnFlowStep[];
  /** The index of the step whose turn runs `create_return` (the side effect); it is the last one. */
  effectStep: number;
}

/** The order the flows return, and why. */
export const returnOrder = { orderId: '45210', reason: 'the jacket is too small' } as const;

/** The reply that ends the flow; group 1 is the return id. */
export const doneReply = /^Done! Return (R-\d+) for order 45210 is open\./;

/** A reply with its return ids replaced by `R-#`, so that replies of different conversations compare equal. */
export function normalizeReply(reply: string): string {
  return reply.replace(/\bR-\d+\b/g, 'R-#');
}

function orderEmail(orderId: string): string {
  const data = JSON.parse(readFileSync('examples/acme/data/orders.json', 'utf8')) as
    | Array<{ order_id: string; email?: string }>
    | { orders: Array<{ order_id: string; email?: string }> };
  const orders = Array.isArray(data) ? data : data.orders;
  const email = orders.find((o) => o.order_id === orderId)?.email;
  if (!email) throw new Error(`no e-mail for order ${orderId} in examples/acme/data/orders.json`);
  return email;
}

/** What a customer answers to each question of the return flow. */
function answerTo(reply: string): string | undefined {
  if (/Which order is the return for\?/.test(reply)) return returnOrder.orderId;
  if (/Why are you returning it\?/.test(reply)) return returnOrder.reason;
  if (/Shall I go ahead\?/.test(reply)) return 'yes';
  if (/e-mail address on the order\?/.test(reply)) return orderEmail(returnOrder.orderId);
  return undefined;
}

/**
 * Walks the return flow once in conversation `conversationId` on a running server, answering each question as
 * a customer would (order number, reason, "yes", and the order's e-mail when the bot asks for it), and returns
 * the messages and replies, so that tests follow the flow the bot has now. Throws on any other reply.
 */
export async function learnReturnFlow(
  url: string,
  conversationId = 'learn-the-return-flow',
): Promise<ReturnFlow> {
  const steps: ReturnFlowStep[] = [];
  let text: string | undefined = 'I want to return something';
  for (let i = 1; text !== undefined && i <= 10; i += 1) {
    const answer = await postTurn(url, conversationId, text, `${conversationId}-t${i}`);
    if (answer.status !== 200) throw new Error(`"${text}": ${answer.status} ${JSON.stringify(answer.body)}`);
    const reply = answer.body.reply ?? '';
    steps.push({ text, reply: normalizeReply(reply) });
    const ran = (answer.body.events ?? []).some(
      (e) => e.type === 'command-start' && e.name === 'create_return',
    );
    if (doneReply.test(reply)) {
      if (!ran) throw new Error(`"Done" without create_return: ${JSON.stringify(answer.body)}`);
      return { steps, effectStep: steps.length - 1 };
    }
    text = answerTo(reply);
    if (text === undefined) throw new Error(`unexpected reply in the return flow: ${JSON.stringify(reply)}`);
  }
  throw new Error(`the return flow did not end: ${JSON.stringify(steps)}`);
}
