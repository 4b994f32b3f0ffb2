import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFolderKnowledgeBase } from '../../../engine/knowledge/folder-knowledge-base.ts';
import { type Bot, builtinSkills, createBot, defineSkill } from '../../../index.ts';
import { builtinExamples } from '../../../skills/builtin/builtin-examples.ts';
import { scriptConversation } from '../../../skills/testing/conversation-script.ts';
import { createLibrarySkill, createMemoryLibrary } from '../../fixtures/bots/library/library-skill.ts';

/**
 * Small talk is what the bot declares (`smallTalk` on an intent), not three intent names. The library bot's
 * classifier reads "hi, how many holds can I have?" as a hello; with its greeting renamed `hello` (the built-in
 * greet, goodbye and thanks left out) the question after the hello is still the one answered.
 */
const social = defineSkill({
  name: 'social',
  intents: {
    hello: { examples: builtinExamples.greet, response: 'Welcome to the library!', smallTalk: 'greeting', suggest: false },
    see_you: { examples: builtinExamples.goodbye, response: 'See you at the library!', smallTalk: 'goodbye', suggest: false },
  },
});

let bot: Bot;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-small-talk-'));
  const knowledge = await createFolderKnowledgeBase({ dir: 'test/fixtures/bots/library/knowledge', indexFile: join(dir, 'index.json') });
  bot = await createBot({
    skills: [...builtinSkills({ intents: { greet: false, goodbye: false, thanks: false } }), social, createLibrarySkill(createMemoryLibrary())],
    knowledge,
  });
});
afterAll(() => bot.close());

describe('small talk declared by the bot, whatever its intents are called', () => {
  it('reads a message that opens with the bot\'s own greeting intent again without the hello', async () => {
    await scriptConversation(bot).user('hi, how many holds can I have?').expectReply(/up to 15 holds at a time/).run();
    await scriptConversation(bot).user('hey, do you have parking?').expectReply(/car park/).run();
  });

  it('still greets a greeting, and a hello before small talk stays a hello', async () => {
    await scriptConversation(bot).user('hello').expectReply(/^Welcome to the library!$/).run();
    await scriptConversation(bot).user("hi, how's your day going?").expectReply(/^Welcome to the library!$/).run();
  });
});
