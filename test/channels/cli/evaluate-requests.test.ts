import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBot, parseEvalLines } from '../../../channels/cli/evaluate-bot.ts';
import type { Bot } from '../../../core/create-bot.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';

describe('parley eval lines with several intents, on a bot with its own verbs', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = (await loadLibraryBot()).bot;
  });
  afterAll(() => bot.close());

  it('splits the message as the dialogue does: orders in the bot\'s own verbs are two requests', async () => {
    const lines = parseEvalLines('{"text": "renew my books, book a study room for monday", "intents": ["renew_loans", "book_study_room"]}\n');
    const report = await evaluateBot(bot, lines);
    expect(report.requests_n).toBe(1);
    expect(report.misses).toEqual([]);
    expect(report.requests_accuracy).toBe(1);
  });
});
