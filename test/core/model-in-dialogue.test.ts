
import { readAcmeReturns } from '../support/read-acme-returns.ts';
import { describe, expect, it } from 'vitest';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import { createLinearIntentTrainer } from '../../engine/nlu/linear-intent-trainer.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { abstainingClassifier } from '../support/abstaining-classifier.ts';
import { loadAcme } from '../support/load-acme.ts';
import { type ScriptedAnswer, scriptedLanguageModel } from '../support/scripted-language-model.ts';

const vague = 'the thing I bought, number 12345, any news?';
const vagueNoNumber = 'hmm, so about that thing, is there any news';
const vagueReturn = 'this 45210 stuff is way too small, I want my money back';
const random = 'tell me something nice';
const vagueCity = 'so I will be in chi-town next week, where would I go';

async function acmeWithModel(answer: (last: string) => ScriptedAnswer) {
  const base = await loadAcme();
  const examples = base.bot.registry.examples();
  await base.bot.close();
  const classifier = abstainingClassifier(await createLinearIntentTrainer().train(examples), [
    vague,
    vagueNoNumber,
    vagueReturn,
    random,
    vagueCity,
  ]);
  const scripted = scriptedLanguageModel((options) => answer(options.messages.at(-1)?.content ?? ''));
  const loaded = await loadAcme({
    model: scripted.model,
    classifier,
    dataDir: base.dataDir,
    knowledge: false,
  });
  return { ...loaded, seen: scripted.seen };
}

const returnsIn = (dataDir: string) => readAcmeReturns(dataDir).length;

describe('the model in the dialogue', () => {
  it('gets the turns the classifier abstains on, with tools and the reading; its get_order_status call runs and the result reaches the reply', async () => {
    const { bot, seen } = await acmeWithModel((last) =>
      last === vague
        ? {
            chunks: ['Let me ', 'check that.'],
            calls: [{ name: 'get_order_status', arguments: { order_id: '12345' } }],
          }
        : {},
    );
    const [turn] = await scriptConversation(bot)
      .user(vague)
      .expectReply('Let me check that.')
      .expectCommand('get_order_status', { order_id: '12345' })
      .expectReply(/I found order 12345/)
      .run();
    const deltas = turn?.result.events.filter((e) => e.type === 'text-delta').length ?? 0;
    expect(deltas).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.tools?.map((t) => t.name)).toEqual(
      expect.arrayContaining(['get_order_status', 'create_return', 'handoff', 'store_hours']),
    );
    expect(seen[0]?.messages[0]?.content).toMatch(
      /Classifier reading of the last message: .*entities order_id=12345/,
    );
    await bot.close();
  });

  it('gives the model the order ids the user mentioned as the only values of grounded arguments, and flow arguments as optional', async () => {
    const { bot, seen } = await acmeWithModel(() => ({
      calls: [{ name: 'get_order_status', arguments: {} }],
    }));
    await scriptConversation(bot)
      .user(vagueNoNumber)
      .expectReply(/order number/)
      .run();
    const bare = seen[0]?.tools?.find((t) => t.name === 'get_order_status');
    expect(bare?.parameters.properties).toEqual({});
    expect(bare?.parameters).not.toHaveProperty('required');
    expect(seen[0]?.tools?.map((t) => t.name)).toContain('cancel');
    await scriptConversation(bot).user(vague).run();
    const grounded = seen.at(-1)?.tools?.find((t) => t.name === 'get_order_status');
    expect(grounded?.parameters).toMatchObject({ properties: { order_id: { enum: ['12345'] } } });
    await bot.close();
  });

  it('is not asked when the classifier is confident', async () => {
    const { bot, seen } = await acmeWithModel(() => ({ chunks: ['should not be used'] }));
    await scriptConversation(bot)
      .user('where is my order 12345')
      .expectCommand('get_order_status', { order_id: '12345' })
      .run();
    expect(seen).toHaveLength(0);
    await bot.close();
  });

  it('is not asked about a turn the classifier reads as off-topic, which gets the fallback', async () => {
    const { bot, seen } = await acmeWithModel(() => ({ calls: [{ name: 'store_hours', arguments: {} }] }));
    const offTopic = ['tell me a joke about cats', 'write me a poem', 'how many calories are in a banana'];
    for (const text of offTopic)
      expect(bot.classifier.classify(text)).toMatchObject({ intent: null, offTopic: true });
    for (const text of offTopic) {
      const [turn] = await scriptConversation(bot)
        .user(text)
        .expectReply(/didn't understand|couldn't find anything/)
        .expectNoCommand()
        .run();
      expect(turn?.result).toMatchObject({ route: 'classifier', intent: null });
    }
    expect(seen).toHaveLength(0);
    // An abstention on words that are merely new still goes to the model.
    await scriptConversation(bot).user(random).expectReply(/open/).run();
    expect(seen).toHaveLength(1);
    await bot.close();
  });

  it('drops a slot value the user never mentioned (a city the model made up) and keeps one the user did, as the entity spells it', async () => {
    const { bot } = await acmeWithModel(() => ({
      calls: [{ name: 'store_location', arguments: { city: 'chicago' } }],
    }));
    await scriptConversation(bot)
      .user(random)
      .expectReply(/^Our main store, in New York,/)
      .user(vagueCity)
      .expectReply(/^Our Chicago store is at/)
      .run();
    await bot.close();
  });

  it('refuses a call with an order id the user never mentioned, and a tool not offered', async () => {
    const { bot } = await acmeWithModel((last) =>
      last === vague
        ? { calls: [{ name: 'get_order_status', arguments: { order_id: '99999' } }] }
        : { calls: [{ name: 'delete_all_orders', arguments: {} }] },
    );
    await scriptConversation(bot)
      .user(vague)
      .expectNoCommand()
      .expectReply(/didn't understand/)
      .user(random)
      .expectNoCommand()
      .expectReply(/didn't understand/)
      .run();
    await bot.close();
  });

  it("makes a side-effect call wait for the user's yes", async () => {
    const { bot, dataDir } = await acmeWithModel((last) =>
      last === vagueReturn
        ? { calls: [{ name: 'create_return', arguments: { order_id: '45210', reason: 'too small' } }] }
        : {},
    );
    const before = returnsIn(dataDir);
    await scriptConversation(bot)
      .user(vagueReturn)
      .expectNoCommand()
      .expectReply(/open a return for order 45210 because "too small". Shall I go ahead/)
      .run();
    expect(returnsIn(dataDir)).toBe(before);
    await bot.close();
  });

  it('never acts on the calls of a generation a newer turn superseded', async () => {
    const { bot } = await acmeWithModel((last) =>
      last === vague
        ? {
            chunks: ['Checking', ' your', ' order', ' now'],
            delayMs: 40,
            calls: [{ name: 'get_order_status', arguments: { order_id: '12345' } }],
          }
        : {},
    );
    const turn = (id: string, text: string, policy?: 'supersede'): UserTurn => ({
      id,
      conversationId: 'superseded',
      user: { id: 'u', verified: false },
      channel: 'test',
      text,
      locale: 'en',
      timestamp: Date.now(),
      ...(policy ? { policy } : {}),
    });
    const first = bot.handle(turn('g-1', vague));
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = bot.handle(turn('g-2', 'what are your opening hours?', 'supersede'));
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe('superseded');
    expect(a.events.some((e) => e.type === 'command-start')).toBe(false);
    expect(b.events.some((e) => e.type === 'command-start')).toBe(false);
    expect(b.events.find((e) => e.type === 'text-end')).toMatchObject({
      text: expect.stringMatching(/open Monday/),
    });
    await bot.close();
  });

  it('routes every turn through the model when routing is "model", and reports the intent it acted on', async () => {
    const base = await loadAcme();
    const classifier = base.bot.classifier;
    await base.bot.close();
    const scripted = scriptedLanguageModel((options) =>
      options.messages.at(-1)?.content === 'where is my order 12345'
        ? { calls: [{ name: 'get_order_status', arguments: { order_id: '12345' } }] }
        : { calls: [{ name: 'handoff', arguments: { reason: 'asked for a person' } }] },
    );
    const { createBot } = await import('../../core/create-bot.ts');
    const bot = await createBot({
      skills: [...(await acmeSkills(base.dataDir))],
      classifier,
      model: scripted.model,
      routing: 'model',
    });
    const [first, second] = await scriptConversation(bot)
      .user('where is my order 12345')
      .expectCommand('get_order_status', { order_id: '12345' })
      .user('cancel')
      .expectReply(/stopped/)
      .run();
    expect(first?.result).toMatchObject({ route: 'model', intent: 'order_status' });
    expect(second?.result.route).toBe('classifier');
    const [third] = await scriptConversation(bot).user('hello').expectHandoff().run();
    expect(third?.result).toMatchObject({ route: 'model', intent: 'human_agent' });
    expect(scripted.seen[0]?.messages[0]?.content).toMatch(/intents order_status/);
    await expect(createBot({ skills: [], classifier, routing: 'model' })).rejects.toThrow(/routing/);
    await bot.close();
  });
});

async function acmeSkills(dataDir: string) {
  const { bot } = await import('../../examples/acme/bot.ts');
  const { default: pino } = await import('pino');
  return (await bot.setup({ botDir: 'examples/acme', dataDir, log: pino({ level: 'silent' }) })).skills;
}
