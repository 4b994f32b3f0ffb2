import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOpenAILanguageModel } from '../../../../engine/llm/openai/create-openai-language-model.ts';
import { createLinearIntentTrainer } from '../../../../engine/nlu/linear-intent-trainer.ts';
import { scriptConversation } from '../../../../skills/testing/conversation-script.ts';
import { abstainingClassifier } from '../../../support/abstaining-classifier.ts';
import { loadAcme } from '../../../support/load-acme.ts';
import { type StandInServer, startStandInServer } from './stand-in-openai-server.ts';

const vague = 'the thing I bought, number 12345, any news?';

describe('the Acme dialogue with the openai backend as its model', () => {
  let server: StandInServer;
  beforeAll(async () => {
    server = await startStandInServer();
  });
  afterAll(() => server.close());

  const acme = async () => {
    const base = await loadAcme();
    const examples = base.bot.registry.examples();
    await base.bot.close();
    const classifier = abstainingClassifier(await createLinearIntentTrainer().train(examples), [vague]);
    const model = createOpenAILanguageModel({ baseUrl: server.baseUrl, model: 'stand-in', initialRetryDelayMs: 1 });
    return loadAcme({ model, classifier, dataDir: base.dataDir, knowledge: false });
  };

  test('a grounded call from the server runs after a retried 503; the grounding reaches the server as the schema', async () => {
    const { bot } = await acme();
    server.script({ status: 503 }, { stream: { deltas: ['Let me check.'], toolCalls: [{ name: 'get_order_status', arguments: '{"order_id":"12345"}' }] } });
    await scriptConversation(bot)
      .user(vague)
      .expectReply('Let me check.')
      .expectCommand('get_order_status', { order_id: '12345' })
      .run();
    const offered = server.requests.at(-1)!.body.tools!.find((t) => t.function.name === 'get_order_status');
    expect(offered!.function.parameters).toMatchObject({ properties: { order_id: { enum: ['12345'] } } });
    await bot.close();
  });

  test('an order id the user never mentioned is refused by the executor, whatever the server says', async () => {
    const { bot } = await acme();
    server.script({ stream: { toolCalls: [{ name: 'get_order_status', arguments: '{"order_id":"99999"}' }] } });
    await scriptConversation(bot).user(vague).expectNoCommand().run();
    await bot.close();
  });
});
