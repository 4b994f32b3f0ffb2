import type { BotEvent } from './contracts/bot-event.ts';
import type { TurnHandler } from './contracts/turn-handler.ts';
import type { UserTurn } from './contracts/user-turn.ts';

/** {@link TurnHandler.handle} as an async iterable of the turn's events (a duplicate replays the first run's). */
export async function* streamTurn(handle: TurnHandler['handle'], turn: UserTurn): AsyncIterable<BotEvent> {
  const buffered: BotEvent[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const done = handle(turn, {
    onEvent: (event) => {
      buffered.push(event);
      wake?.();
    },
  }).finally(() => {
    finished = true;
    wake?.();
  });
  for (;;) {
    const event = buffered.shift();
    if (event) {
      yield event;
      continue;
    }
    if (finished) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = null;
  }
  const result = await done;
  if (result.status === 'duplicate') for (const event of result.events) yield event;
}
