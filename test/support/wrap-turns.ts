import type { TurnHandler, TurnHandlerOptions } from '../../core/contracts/turn-handler.ts';
import type { TurnResult } from '../../core/contracts/turn-result.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';

/** Runs one turn of the wrapped bot; `next` is the bot's own `handle`. */
export type TurnWrapper = (
  turn: UserTurn,
  options: TurnHandlerOptions | undefined,
  next: (turn: UserTurn, options?: TurnHandlerOptions) => Promise<TurnResult>,
) => Promise<TurnResult>;

/**
 * The bot with its `handle` wrapped (a slow skill, a failing store, a turn counter) and everything else passed
 * through, so channel tests drive the real bot with one behaviour changed.
 */
export function wrapTurns(bot: TurnHandler, wrapper: TurnWrapper): TurnHandler {
  return {
    handle: (turn, options) => wrapper(turn, options, (t, o) => bot.handle(t, o)),
    stream: (turn) => bot.stream(turn),
    transcript: (id, query) => bot.transcript(id, query),
    recentHistory: (id, lines) => bot.recentHistory(id, lines),
    health: () => bot.health(),
  };
}
