import { expect, it } from 'vitest';
import { createBot, defineSkill } from '../../index.ts';
import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { keywordClassifier } from '../support/keyword-classifier.ts';

const hours = defineSkill({
  name: 'hours',
  intents: {
    opening_hours: { examples: ['when are you open'], response: 'We are open from 9 to 5.' },
    menu: { examples: ['what is on the menu'], response: 'Pasta and pizza.' },
  },
});

/** Confident at 0.35: under the default minimum of 0.4, above the threshold the classifier was given for this bot. */
const fitted = (threshold: number): IntentClassifier => ({
  ...keywordClassifier([{ keyword: 'open', ranking: [['opening_hours', 0.35], ['menu', 0.05]] }]),
  abstention: { threshold, inScopeAcceptance: 0.9, offTopicRejection: 0.8, inScopeN: 2, offTopicN: 10, folds: 3 },
});

it("the dialogue understands down to the threshold chosen for the bot's classifier, unless the bot sets minConfidence", async () => {
  const own = await createBot({ skills: [hours], classifier: fitted(0.3) });
  const [understood] = await scriptConversation(own).user('are you open on sunday').expectReply('We are open from 9 to 5.').run();
  expect(understood?.result.intent).toBe('opening_hours');
  await own.close();

  const strict = await createBot({ skills: [hours], classifier: fitted(0.3), policy: { minConfidence: 0.4 } });
  const [refused] = await scriptConversation(strict).user('are you open on sunday').expectReply("Sorry, I didn't understand").run();
  expect(refused?.replies.join(' ')).not.toContain('We are open');
  await strict.close();
});
