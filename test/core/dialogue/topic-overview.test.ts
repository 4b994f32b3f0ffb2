import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../core/create-bot.ts';
import { sayToBot } from '../../support/say-to-bot.ts';
import { loadAcme } from '../../support/load-acme.ts';

/** "What's your return policy?" asks for a whole document's topic, which no one section holds word for word. */
let bot: Bot;
beforeAll(async () => {
  bot = (await loadAcme()).bot;
});
afterAll(async () => bot.close());

describe('a question about the rules of a topic as a whole', () => {
  it('is answered from the document about that topic, not "our help articles don\'t say"', async () => {
    const say = sayToBot(bot);
    for (const [i, question] of ["what's your return policy?", 'what is your refund policy', 'what are the rules for returns?'].entries()) {
      const reply = await say(`c${i}`, question);
      expect(reply, question).toMatch(/Source: returns-and-refunds\.md/);
      expect(reply, question).not.toMatch(/don't say|couldn't find|not sure/);
    }
  });

  it('does not turn a question the documents do not answer into an overview', async () => {
    const reply = await sayToBot(bot)('c9', 'what is your policy on pets in the store?');
    expect(reply).not.toMatch(/Source: returns-and-refunds\.md/);
  });
});
