import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../core/create-bot.ts';
import { scriptConversation } from '../../../skills/testing/conversation-script.ts';
import { sayToBot } from '../../support/say-to-bot.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { loadWasteBot } from '../../support/load-waste-bot.ts';

/** A part of a several-request message that asks for nothing adds nothing to the reply; one that asks is never dropped. */
let waste: Bot;
let acme: Bot;
beforeAll(async () => {
  [waste, acme] = await Promise.all([loadWasteBot().then((l) => l.bot), loadAcme().then((l) => l.bot)]);
});
afterAll(async () => Promise.all([waste.close(), acme.close()]));

describe('parts that ask for nothing', () => {
  it('a statement setting the scene gets no "couldn\'t find anything" next to the answer to its question', async () => {
    const reply = await sayToBot(waste)('c1', 'my bin is still full, nobody came. when will someone come back for it');
    expect(reply).toMatch(/we will come back within two working days/);
    expect(reply).not.toMatch(/couldn't find anything/);
  });

  it('a clause read as cancel with nothing to cancel adds no "There\'s nothing to cancel"', async () => {
    const reply = await sayToBot(waste)('c2', 'which bins go out this week, the blue one or the black one? I can never remember');
    expect(reply).toMatch(/bin day finder/);
    expect(reply).not.toMatch(/nothing to cancel/);
  });

  it('a request the bot does not understand still gets its "couldn\'t find anything", after the answer it understood', async () => {
    await scriptConversation(acme)
      .user('what are your opening hours in Boston? also I want to adopt a giraffe')
      .expectReply(/couldn't find anything about that/)
      .expectReply(/Our Boston store is open/)
      .run();
  });
});
