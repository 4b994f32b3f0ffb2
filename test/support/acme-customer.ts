import { readFileSync } from 'node:fs';

/** The order a customer of the Acme demo returns, again and again. */
const order = '45210';

function emailOf(orderId: string): string {
  const data = JSON.parse(readFileSync('examples/acme/data/orders.json', 'utf8')) as
    | Array<{ order_id: string; email?: string }>
    | { orders: Array<{ order_id: string; email?: string }> };
  const email = (Array.isArray(data) ? data : data.orders).find((o) => o.order_id === orderId)?.email;
  if (!email) throw new Error(`no e-mail for order ${orderId}`);
  return email;
}

/** The reply that ends a return flow; group 1 is the return id. */
export const returnOpened = /^Done! Return (R-\d+) for order 45210 is open\./;

/**
 * What a customer who keeps returning order 45210 says next, given the bot's last reply: the answer to the return
 * flow's question (order number, reason, "yes", the order's e-mail), otherwise a new return request. Every fifth
 * turn or so of a conversation opens a return (the side effect), whatever the bot answered before.
 */
export function createAcmeCustomer(): (lastReply: string | undefined, turn: number) => string {
  const email = emailOf(order);
  return (lastReply, turn) => {
    if (lastReply !== undefined) {
      if (/Which order is the return for\?/.test(lastReply)) return order;
      if (/Why are you returning it\?/.test(lastReply)) return `reason number ${turn}: it does not fit`;
      if (/Shall I go ahead\?/.test(lastReply)) return 'yes';
      if (/e-mail address on the order\?/.test(lastReply)) return email;
    }
    return 'I want to return something';
  };
}
