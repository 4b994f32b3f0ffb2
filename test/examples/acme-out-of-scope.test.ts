import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

let bot: Bot;

beforeAll(async () => {
  bot = (await loadAcme()).bot;
});
afterAll(async () => bot.close());

/** Questions and requests far from anything the Acme assistant does. */
const offTopic = [
  "what's the capital of France",
  'write me a poem',
  'who won the world cup in 2018',
  'how many legs does a spider have',
  'translate good morning into spanish',
  'what is the square root of 144',
  'tell me a joke about cats',
  'who painted the mona lisa',
  'recommend a good movie for tonight',
  'explain quantum physics to me',
  'what is the meaning of life',
  'how do I bake sourdough bread',
];

/** The replies of a turn the bot did not understand: the fallback, or "nothing in the help articles". */
const notUnderstood = /didn't understand|couldn't find anything/;

describe('Acme demo: out-of-scope utterances', () => {
  it.each(offTopic)('answers "%s" with the fallback, not a store intent', async (text) => {
    const [turn] = await scriptConversation(bot).user(text).expectReply(notUnderstood).expectNoCommand().run();
    expect(turn!.result.intent ?? null).toBeNull();
  });

  it('still understands store questions phrased in new words', async () => {
    const turns = await scriptConversation(bot)
      .user('has my parcel been sent out yet').expectReply(/order number/)
      .user('forget about it')
      .user('what time do you shut on saturdays').expectNoCommand()
      .user('do you guys have a branch in boston').expectNoCommand()
      .user('what would delivery to canada cost me').expectNoCommand()
      .run();
    expect(turns.map((t) => t.result.intent)).toEqual([
      'order_status',
      'cancel',
      'store_hours',
      'store_location',
      'shipping_info',
    ]);
  });
});
