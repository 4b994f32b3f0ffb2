import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBot } from '../../../core/create-bot.ts';
import { answerOverUnsureIntent } from '../../../core/dialogue/answer-over-unsure-intent.ts';
import { isExplicitRequest } from '../../../core/dialogue/knowledge-or-action.ts';
import { createSkillRegistry } from '../../../core/skill-registry.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';
import { builtinSkills } from '../../../skills/builtin/builtin-skills.ts';
import { defineCommand } from '../../../skills/command-definition.ts';
import { defineSkill } from '../../../skills/define-skill.ts';
import { scriptConversation } from '../../../skills/testing/conversation-script.ts';
import { keywordClassifier } from '../../support/keyword-classifier.ts';

const lookups: string[] = [];
const skill = defineSkill({
  name: 'shop',
  intents: {
    store_hours: { examples: ['when are you open'], title: 'Opening hours' },
    track: { examples: ['where is my order'], title: 'Track an order' },
  },
  entities: { city: { kind: 'lookup', values: { boston: [], chicago: [] } } },
  flows: {
    store_hours: { description: 'opening hours', slots: { city: { entity: 'city', prompt: 'Which store?' } }, steps: [{ respond: 'We are open 9 to 5.' }] },
    track: { description: 'tracking', steps: [{ call: 'lookup' }, { respond: 'On its way.' }] },
  },
  commands: {
    lookup: defineCommand({
      description: 'look an order up',
      sideEffects: false,
      parameters: z.object({}),
      async execute() {
        lookups.push('lookup');
        return {};
      },
    }),
  },
});
const knowledge = createMemoryKnowledgeBase({
  documents: [
    { file: 'payments.md', content: '# Payments\n\n## Accepted payment methods\n\nWe accept Visa, Mastercard and PayPal. We do not accept cryptocurrency such as bitcoin or ethereum.\n' },
    { file: 'delivery.md', content: '# Delivery\n\n## Tracking\n\nA tracking link is emailed when the parcel leaves the warehouse, usually within a day.\n' },
    { file: 'returns.md', content: '# Returns\n\n## Return window\n\nItems can be returned within 30 days; refunds take 5 business days.\n' },
    { file: 'gifts.md', content: '# Gifts\n\n## Gift cards\n\nGift cards are delivered by email the same day and never expire.\n' },
  ],
});
// The classifier is unsure of "crypto" (opening hours at 0.6) and of the tracking-link question; sure of "open".
const classifier = keywordClassifier([
  { keyword: 'boston', ranking: [['store_hours', 0.6]] },
  { keyword: 'crypto', ranking: [['store_hours', 0.6]] },
  { keyword: 'tracking link', ranking: [['track', 0.7]] },
  { keyword: 'ethereum', ranking: [['store_hours', 0.9]] },
  { keyword: 'day going', ranking: [['greet', 0.7]] },
  { keyword: 'open', ranking: [['store_hours', 0.95]] },
]);
const bot = await createBot({ skills: [...builtinSkills(), skill], classifier, knowledge });
const strict = await createBot({ skills: [...builtinSkills(), skill], classifier, knowledge, policy: { knowledgeOverIntentConfidence: 0 } });
afterAll(async () => {
  await bot.close();
  await strict.close();
});

describe('a question routed without much certainty to an intent that does not read the documents', () => {
  it('is answered from the documents when they clearly answer it', async () => {
    await scriptConversation(bot)
      .user('do you guys accept crypto?')
      .expectReply(/do not accept cryptocurrency/)
      .expectReply(/Source: payments\.md/)
      .run();
  });

  it('offers the intent whose flow acts instead of running it', async () => {
    lookups.length = 0;
    await scriptConversation(bot)
      .user('when do I get the tracking link?')
      .expectReply(/tracking link is emailed/)
      .expectReply(/Would you like to track an order\?/)
      .expectNoCommand()
      .run();
    expect(lookups).toEqual([]);
  });

  it('keeps the intent when the classifier is sure, when a slot value is named, or for a weak passage', async () => {
    await scriptConversation(bot).user('do you take ethereum?').expectReply('We are open 9 to 5.').run();
    await scriptConversation(bot).user('is boston open on sunday?').expectReply('We are open 9 to 5.').run();
    await scriptConversation(bot).user("hi, how's your day going?").expectReply(/^Hi/).run();
  });

  it('keeps the intent when the policy turns the rule off (knowledgeOverIntentConfidence: 0)', async () => {
    await scriptConversation(strict).user('do you guys accept crypto?').expectReply('We are open 9 to 5.').run();
  });
});

describe('answerOverUnsureIntent', () => {
  const registry = createSkillRegistry([...builtinSkills(), skill]);
  const reading = (evidence: number) => ({ text: 'We do not accept cryptocurrency.', citation: 'Source: payments.md', evidence });
  const turn = { registry, intent: 'store_hours', confidence: 0.6, text: 'do you take crypto?', namesSlotValue: false, below: 0.8 };

  it('answers only with a passage holding at least half a rare word of the question', () => {
    expect(answerOverUnsureIntent({ ...turn, knowledge: reading(1.2) })).toEqual([expect.objectContaining({ type: 'answer', source: 'Source: payments.md' })]);
    expect(answerOverUnsureIntent({ ...turn, knowledge: reading(0.3) })).toBeUndefined();
  });

  it('never overrides a request, a statement or a sure intent', () => {
    expect(answerOverUnsureIntent({ ...turn, knowledge: reading(1.2), text: 'can you open a return for me?' })).toBeUndefined();
    expect(answerOverUnsureIntent({ ...turn, knowledge: reading(1.2), text: 'crypto payments' })).toBeUndefined();
    expect(answerOverUnsureIntent({ ...turn, knowledge: reading(1.2), confidence: 0.85 })).toBeUndefined();
  });

  it('answers "can I <verb> …?" when the intent\'s examples never use the verb, and keeps the intent when they do', () => {
    const asked = { ...turn, knowledge: reading(1.2) };
    expect(answerOverUnsureIntent({ ...asked, text: 'can I change my email address?' })).toEqual([expect.objectContaining({ type: 'answer' })]);
    // The intent's own word: "when are you open" keeps "can I open …?".
    expect(answerOverUnsureIntent({ ...asked, text: 'can I open on sunday?' })).toBeUndefined();
  });

  it('reads "do I have to …" as a question, not as something the user has to do', () => {
    expect(isExplicitRequest("I've got something to return")).toBe(true);
    expect(isExplicitRequest('how many days do I have to change my mind about a jacket?')).toBe(false);
    const question = { ...turn, intent: 'cancel', text: 'how many days do I have to change my mind about a jacket?', knowledge: reading(1.2) };
    expect(answerOverUnsureIntent(question)).toEqual([expect.objectContaining({ type: 'answer' })]);
  });
});
