import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { TurnResult } from '../../core/contracts/turn-result.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import { HttpError } from '../http/http-error.ts';
import type { SlackStream } from './slack-stream.ts';

/** What {@link runSlackTurn} runs and how it answers. */
export interface SlackTurnRun {
  bot: TurnHandler;
  turn: UserTurn;
  res: ServerResponse;
  /** Milliseconds to wait for the turn to be stored before answering 503 (Slack then retries). */
  ackWithinMs: number;
  /** Sends the finished turn's reply (after the request was answered). */
  deliver: (result: TurnResult) => Promise<void>;
  /** The reply's stream, fed the turn's events as they come. */
  stream?: SlackStream | undefined;
  /** Called when the turn was not taken, before the error is thrown (forget the event id, so a retry runs). */
  onRefused?: () => void;
  log: Logger;
}

/**
 * Runs a Slack turn the way Slack needs: the request is answered 200 as soon as the turn is stored (Slack waits
 * 3 s), the work goes on after that, and the reply is delivered when the turn ends. Throws (503, or the store's
 * error) when the turn could not be stored in `ackWithinMs`; a retried turn (`duplicate`) delivers nothing again.
 */
export async function runSlackTurn(run: SlackTurnRun): Promise<void> {
  const { stream } = run;
  let accept: () => void = () => {};
  const accepted = new Promise<'accepted'>((resolve) => {
    accept = () => resolve('accepted');
  });
  const running = run.bot.handle(run.turn, { onAccepted: accept, ...(stream ? { onEvent: (event: BotEvent) => stream.push(event) } : {}) });
  running.catch(() => {});
  try {
    const ack = await Promise.race([accepted, running.then(() => 'accepted' as const), sleep(run.ackWithinMs, 'slow' as const)]);
    if (ack === 'slow') throw new HttpError(503, 'unavailable', 'the turn could not be stored in time; Slack will retry');
  } catch (error) {
    stream?.cancel();
    run.onRefused?.();
    throw error;
  }
  run.res.writeHead(200, { 'cache-control': 'no-store' }).end();
  void running
    .then((result) => (result.status === 'duplicate' ? stream?.cancel() : run.deliver(result)))
    .catch((error: unknown) => {
      stream?.cancel();
      run.log.error({ err: error, conversationId: run.turn.conversationId }, 'Slack reply failed');
    });
}
