import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { Channel, ConversationReference } from '../../core/contracts/channel.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';

/** Options of {@link createTerminalChannel} and {@link runTerminalChat}. */
export interface TerminalChannelOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Conversation id; reuse one to continue a conversation kept in the store. Default: a new UUID. */
  conversationId?: string;
  /** User id. Default "cli". */
  userId?: string;
  /** Echo each input line ("> text") before the replies, for transcripts of piped input. Default: when input is not a TTY. */
  echo?: boolean;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** The locale each turn carries (`--locale`). Default "und": the bot reads the language from what is typed. */
  locale?: string;
}

/** Options of {@link runTerminalChat}: the channel's, plus the bot. */
export interface TerminalChatOptions extends TerminalChannelOptions {
  bot: TurnHandler;
}

/** The terminal as a {@link Channel}; `done` resolves once input has ended and the last reply is printed. */
export interface TerminalChannel extends Channel {
  readonly done: Promise<void>;
}

/**
 * The terminal channel: each input line is one user turn, each bot reply is printed as it is produced, with
 * suggestions in brackets. Lines are handled in order. `send` prints proactive messages to the same terminal.
 */
export function createTerminalChannel(options: TerminalChannelOptions): TerminalChannel {
  const { output } = options;
  const now = options.now ?? Date.now;
  const conversationId = options.conversationId ?? randomUUID();
  const interactive = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const echo = options.echo ?? !interactive;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let stopped = false;
  const print = (event: BotEvent) => {
    if (event.type === 'text-end') output.write(`bot: ${event.text}\n`);
    if (event.type === 'suggestions') output.write(`     ${event.suggestions.map((s) => `[${s.title}]`).join(' ')}\n`);
    if (event.type === 'handoff') output.write('     (handed off to a person)\n');
  };

  const loop = async (bot: TurnHandler) => {
    const lines = createInterface({ input: options.input, terminal: false });
    const prompt = () => interactive && output.write('you> ');
    prompt();
    for await (const line of lines) {
      if (stopped) break;
      const text = line.trim();
      if (!text) {
        prompt();
        continue;
      }
      if (echo) output.write(`> ${text}\n`);
      const user = { id: options.userId ?? 'cli', verified: false };
      await bot.handle({ id: randomUUID(), conversationId, user, channel: 'cli', text, locale: options.locale ?? 'und', timestamp: now() }, { onEvent: print });
      prompt();
    }
  };

  return {
    name: 'cli',
    done,
    async start(bot) {
      loop(bot).then(finish, (error: unknown) => {
        output.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        finish();
      });
    },
    async stop() {
      stopped = true;
    },
    async send(_reference: ConversationReference, events: readonly BotEvent[]) {
      for (const event of events) print(event);
    },
  };
}

/** Runs the terminal channel for `bot` until input ends. */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { bot, ...rest } = options;
  const channel = createTerminalChannel(rest);
  await channel.start(bot);
  await channel.done;
}
