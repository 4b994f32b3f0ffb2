import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer, type ParleyServer } from '../../../channels/http/create-parley-server.ts';
import type { BotEvent } from '../../../core/contracts/bot-event.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../../core/stores/memory-store.ts';
import { parseWav } from '../../../engine/speech/wav.ts';
import { spokenWav } from '../../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { testAuthorization } from '../../support/security-api-key.ts';
import { testApiKey } from '../../support/security-api-key.ts';

let acme: LoadedBot;
let server: ParleyServer;
let base: string;

beforeAll(async () => {
  acme = await loadAcme({ knowledge: false, conversationStore: createMemoryStore() });
  server = createParleyServer({
    bot: acme.bot,
    botName: 'Acme',
    log: pino({ level: 'silent' }),
    apiKeys: [testApiKey],
    web: false,
    voice: { store: acme.store, limits: { maxUtteranceSeconds: 6 } },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await acme.bot.close();
});

interface SpokenAnswer {
  conversationId: string;
  turnId: string;
  status: string;
  transcript: string;
  confidence: number;
  reply: string;
  events: BotEvent[];
  audio: { contentType: string; base64: string } | null;
}

const post = (conversation: string, body: Uint8Array | string, type = 'audio/wav', query = '') =>
  fetch(`${base}/api/conversations/${conversation}/utterances${query}`, { method: 'POST', headers: { 'content-type': type, ...testAuthorization }, body: new Blob([body as BlobPart]) });

async function say(conversation: string, text: string, options: Parameters<typeof spokenWav>[1] = {}): Promise<SpokenAnswer> {
  const response = await post(conversation, spokenWav(text, options));
  expect(response.status).toBe(200);
  return (await response.json()) as SpokenAnswer;
}

const spokenSeconds = (answer: SpokenAnswer) => {
  const audio = parseWav(Buffer.from(answer.audio!.base64, 'base64'));
  return audio.samples.length / audio.sampleRate;
};

describe('spoken turns over REST', { timeout: 60_000 }, () => {
  it('answers "I want to check my order status" with the order question as text and audio', async () => {
    const answer = await say('v1', 'I want to check my order status', { voice: 'en-us' });
    expect(answer).toMatchObject({ conversationId: 'v1', status: 'completed' });
    expect(answer.transcript).toMatch(/order status/);
    expect(answer.reply).toMatch(/order number/);
    expect(answer.audio?.contentType).toBe('audio/wav');
    // The question, spoken, lasts a few seconds.
    expect(spokenSeconds(answer)).toBeGreaterThan(1.5);
  });

  it('runs the command when the order number is spoken as words', async () => {
    const answer = await say('v1', 'four five two one zero');
    expect(answer.transcript).toBe('45210');
    expect(answer.events).toContainEqual({ type: 'command-start', name: 'get_order_status', args: { order_id: '45210' } });
    // The next question is for the e-mail address, which a grammar cannot hear: the channel offers typing.
    expect(answer.reply).toMatch(/e-mail/);
    expect(answer.reply).toMatch(/type it/);
  });

  it('cancels a form when told so', async () => {
    await say('v2', 'where is my order');
    const answer = await say('v2', 'cancel');
    expect(answer.transcript).toBe('cancel');
    expect(answer.reply).toMatch(/stopped/);
  });

  it('understands paraphrases that are not among the training examples', async () => {
    const hours = await say('v3', 'what time do you shut on saturdays');
    // The store-hours answer (the day may be misheard: synthetic speech, one word).
    expect(hours.reply).toMatch(/(is|are) open/i);
    // A request to act (not "how do I…", which the documents answer with the action offered) starts the flow.
    const returning = await say('v4', 'I need to send my jacket back');
    expect(returning.reply).toMatch(/order number/);
  });

  it('says it heard nothing in silence, without running a turn', async () => {
    const silence = new Uint8Array(44 + 32_000);
    silence.set(spokenWav('hello').subarray(0, 44));
    new DataView(silence.buffer).setUint32(40, 32_000, true);
    const response = await post('v5', silence);
    const answer = (await response.json()) as SpokenAnswer;
    expect(answer.status).toBe('no_speech');
    expect(answer.reply).toMatch(/didn't catch that/);
    expect((await acme.bot.transcript('v5')).entries).toEqual([]);
  });

  it('refuses audio that is too long, not WAV or unauthenticated, and stays usable', async () => {
    const long = await post('v6', spokenWav('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen', { wordsPerMinute: 80 }));
    expect(long.status).toBe(413);
    expect((await long.json()).error).toMatchObject({ code: 'utterance_too_long', message: expect.stringMatching(/limit is 6 s/) });
    const text = await post('v6', 'hello', 'text/plain');
    expect(text.status).toBe(415);
    const broken = await post('v6', 'RIFF....not really a wave file');
    expect(broken.status).toBe(422);
    expect((await broken.json()).error.code).toBe('invalid_audio');
    const anonymous = await fetch(`${base}/api/conversations/v6/utterances`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: new Blob([spokenWav('hello') as BlobPart]) });
    expect(anonymous.status).toBe(401);
    expect((await say('v6', 'where is my order')).reply).toMatch(/order number/);
  });
});
