import type { UserTurn } from '../../core/contracts/user-turn.ts';
import type { Bot } from '../../core/create-bot.ts';

/** Sends one text turn of user `u1` over the REST channel and returns every text the bot wrote, joined by spaces. */
export type SayToBot = (conversationId: string, text: string, locale?: string) => Promise<string>;

/** A {@link SayToBot} for a bot in this process; turns carry `timestamp` (default: now) and the locale (default "en"). */
export function sayToBot(bot: Pick<Bot, 'handle'>, timestamp?: number): SayToBot {
  let counter = 0;
  return async (conversationId, text, locale = 'en') => {
    counter += 1;
    const turn: UserTurn = { id: `t${counter}`, conversationId, user: { id: 'u1', verified: false }, channel: 'rest', text, locale, timestamp: timestamp ?? Date.now() };
    const { events } = await bot.handle(turn);
    return events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join(' ');
  };
}
