import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Bot } from '../../core/create-bot.ts';

/** Options of {@link runTerminalChat}. */
export interface TerminalChatOptions {
  bot: Bot;
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
}

/**
 * The terminal channel: each input line is one user turn, each bot reply is printed as it is produced,
 * with suggestions in brackets. Lines are handled in order; resolves after the last reply once input ends.
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { bot, output } = options;
  const now = options.now ?? Date.now;
  const conversationId = options.conversationId ?? randomUUID();
  const interactive = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const echo = options.echo ?? !interactive;
  const lines = createInterface({ input: options.input, terminal: false });
  const prompt = () => interactive && output.write('you> ');
  prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (!text) {
      prompt();
      continue;
    }
    if (echo) output.write(`> ${text}\n`);
    await bot.handle(
      {
        id: randomUUID(),
        conversationId,
        user: { id: options.userId ?? 'cli', verified: false },
        channel: 'cli',
        text,
        locale: 'en',
        timestamp: now(),
      },
      {
        onEvent: (event) => {
          if (event.type === 'text-end') output.write(`bot: ${event.text}\n`);
          if (event.type === 'suggestions') output.write(`     ${event.suggestions.map((s) => `[${s.title}]`).join(' ')}\n`);
          if (event.type === 'handoff') output.write('     (handed off to a person)\n');
        },
      },
    );
    prompt();
  }
}
