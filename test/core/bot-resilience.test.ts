import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../core/create-bot.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { keywordClassifier } from '../support/keyword-classifier.ts';

const skill = defineSkill({
  name: 'fragile',
  intents: {
    explode: { examples: ['explode'], flow: 'explode' },
    hello: { examples: ['hello'], response: 'Hello!' },
  },
  flows: {
    explode: {
      description: 'exploding',
      steps: [
        {
          respond: () => {
            throw new Error('skill bug');
          },
        },
      ],
    },
  },
});
const classifier = keywordClassifier([
  { keyword: 'explode', ranking: [['explode', 0.95]] },
  { keyword: 'hello', ranking: [['hello', 0.95]] },
]);

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('bot resilience and logs', () => {
  it('fails one turn cleanly with a visible reply, keeps the stored state, and serves the next turn', async () => {
    const { lines, logger } = capturingLogger();
    const bot = await createBot({ skills: [skill], classifier, logger });
    const [first] = await scriptConversation(bot, { conversationId: 'x' })
      .user('hello').expectReply('Hello!')
      .run();
    const [exploded] = await scriptConversation(bot, { conversationId: 'x' })
      .user('explode').expectReply(/something went wrong on my side/)
      .run();
    expect(first?.result.status).toBe('completed');
    expect(exploded?.result.status).toBe('failed');
    expect(exploded?.result.events[0]).toMatchObject({ type: 'error' });
    expect((await bot.history('x')).map((h) => h.text)).toEqual(['hello', 'Hello!']);
    await scriptConversation(bot, { conversationId: 'y' }).user('hello').expectReply('Hello!').run();
    const failure = lines.find((l) => l.msg === 'turn failed');
    expect(failure).toMatchObject({ conversationId: 'x', level: 50 });
  });

  it('logs each turn with the conversation id and the duration of its stages', async () => {
    const { lines, logger } = capturingLogger();
    const bot = await createBot({ skills: [skill], classifier, logger });
    await scriptConversation(bot, { conversationId: 'logged' }).user('hello').run();
    const done = lines.find((l) => l.msg === 'turn done');
    expect(done).toMatchObject({ conversationId: 'logged', state: 'listening' });
    for (const field of ['loadMs', 'understandMs', 'saveMs', 'totalMs']) expect(typeof done?.[field]).toBe('number');
  });
});
