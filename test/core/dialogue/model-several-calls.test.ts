import { describe, expect, it } from 'vitest';
import { createLinearIntentTrainer } from '../../../engine/nlu/linear-intent-trainer.ts';
import { scriptConversation } from '../../../skills/testing/conversation-script.ts';
import { abstainingClassifier } from '../../support/abstaining-classifier.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { scriptedLanguageModel } from '../../support/scripted-language-model.ts';

const message = 'so 12345 still not here, 45210 is too small for me';

describe('several tool calls from the model in one turn (#23)', () => {
  it('are several requests: the first flow starts, the next is queued and said, none is dropped', async () => {
    const base = await loadAcme();
    const classifier = abstainingClassifier(await createLinearIntentTrainer().train(base.bot.registry.examples()), [message]);
    await base.bot.close();
    const scripted = scriptedLanguageModel(() => ({
      calls: [
        { name: 'get_order_status', arguments: { order_id: '12345' } },
        { name: 'create_return', arguments: { order_id: '45210' } },
      ],
    }));
    const { bot } = await loadAcme({ model: scripted.model, classifier, dataDir: base.dataDir, knowledge: false });
    const [turn] = await scriptConversation(bot, { user: { id: 'maria', verified: true, email: 'maria.garcia@example.com' } })
      .user(message)
      .expectReply("I'll come to opening a return next.")
      .expectCommand('get_order_status', { order_id: '12345' })
      .run();
    const replies = turn!.result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join('\n');
    // The order flow ends in the same turn, so the queued return starts with its order number and asks why.
    expect(replies).toMatch(/Now, opening a return\.[\s\S]*Why are you returning it\?/);
    await bot.close();
  });
});
