import { describe, expect, it } from 'vitest';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import { createTurnQueue } from '../../core/turn-queue.ts';

const turnOf = (conversationId: string, id: string): UserTurn => ({
  id,
  conversationId,
  user: { id: 'u1', verified: false },
  channel: 'rest',
  text: id,
  locale: 'en',
  timestamp: 0,
});

/** A batch that runs until its signal fires and says how it ended. */
const untilAborted = (turns: UserTurn[], signal: AbortSignal) =>
  new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve(`${turns[0]!.id} aborted`), { once: true }));

describe('aborting the running turn of a conversation', () => {
  it('aborts only the named running turn, of that conversation, and then runs the next one queued', async () => {
    const queue = createTurnQueue<string>({ process: (turns, signal) => (turns[0]!.id === 'b' ? Promise.resolve('b done') : untilAborted(turns, signal)) });
    const a = queue.submit(turnOf('c1', 'a'), false);
    const b = queue.submit(turnOf('c1', 'b'), false);
    const other = queue.submit(turnOf('c2', 'x'), false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(queue.abort('c1', 'b')).toBe(false);
    expect(queue.abort('c3')).toBe(false);
    expect(queue.abort('c1', 'a')).toBe(true);
    expect(queue.abort('c1', 'a')).toBe(false);
    expect(await a).toBe('a aborted');
    expect(await b).toBe('b done');
    expect(queue.size()).toBe(1);
    expect(queue.abort('c2')).toBe(true);
    expect(await other).toBe('x aborted');
  });
});
