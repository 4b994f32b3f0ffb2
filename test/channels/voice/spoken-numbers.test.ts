import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer, type ParleyServer } from '../../../channels/http/create-parley-server.ts';
import type { VoiceDone, VoiceTranscript } from '../../../channels/voice/voice-protocol.ts';
import type { ReplyPart } from '../../../channels/web/protocol.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../../core/stores/memory-store.ts';
import { spokenAudio, spokenWav } from '../../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { testApiKey, testAuthorization } from '../../support/security-api-key.ts';

/**
 * An order number read as a quantity or in pairs, not digit by digit: espeak-ng itself reads "45210" as "forty-five
 * thousand two hundred and ten", as many people do.
 */
let acme: LoadedBot;
let server: ParleyServer;
let base: string;

beforeAll(async () => {
  const store = createMemoryStore();
  acme = await loadAcme({ knowledge: false, conversationStore: store });
  server = createParleyServer({ bot: acme.bot, botName: 'Acme', log: pino({ level: 'silent' }), apiKeys: [testApiKey], voice: { store } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.web?.stop();
  await new Promise((resolve) => server.close(resolve));
  await acme.bot.close();
});

async function say(conversation: string, text: string, voice: string): Promise<{ reply: string; transcript: string }> {
  const response = await fetch(`${base}/api/conversations/${conversation}/utterances`, { method: 'POST', headers: { 'content-type': 'audio/wav', ...testAuthorization }, body: new Blob([spokenWav(text, { voice }) as BlobPart]) });
  expect(response.status).toBe(200);
  return (await response.json()) as { reply: string; transcript: string };
}

describe('order numbers read as quantities', { timeout: 60_000 }, () => {
  it('over REST: "forty-five thousand two hundred and ten" and "forty five, two ten" find order 45210', async () => {
    for (const [i, [answer, voice]] of [['45210', 'en-gb'], ['forty five two ten', 'en-us'], ['my order number is 45210', 'en-us+f2']].entries()) {
      const conversation = `q${i}`;
      expect((await say(conversation, 'I want to check my order status', voice!)).reply).toMatch(/order number/);
      const found = await say(conversation, answer!, voice!);
      expect(found.transcript, `${answer} (${voice})`).toMatch(/45210/);
      expect(found.reply, `${answer} (${voice})`).toMatch(/I found order 45210/);
    }
  });

  it('over the socket: the quantity streamed in chunks becomes the digits before the turn runs', async () => {
    const socket = io(base, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    expect((await speak(socket, 'n1', 'I want to check my order status')).texts.join(' ')).toMatch(/order number/);
    const heard = await speak(socket, 'n2', '45210');
    expect(heard.final?.text).toBe('45210');
    expect(heard.texts.join(' ')).toMatch(/I found order 45210/);
    socket.close();
  });
});

/** Streams `text` spoken by en-us+f2 as one utterance in 128 ms chunks; the final transcript and the reply's texts. */
function speak(socket: Socket, id: string, text: string): Promise<{ final?: VoiceTranscript; texts: string[] }> {
  const heard: { final?: VoiceTranscript; texts: string[] } = { texts: [] };
  return new Promise((resolve, reject) => {
    const onTranscript = (t: VoiceTranscript) => {
      if (t.id === id && t.final) heard.final = t;
    };
    const onReply = (p: ReplyPart) => {
      if (p.turnId === id && p.event.type === 'text-end') heard.texts.push(p.event.text);
    };
    const onDone = (d: VoiceDone) => {
      if (d.id !== id) return;
      socket.off('voice-transcript', onTranscript).off('reply', onReply).off('voice-done', onDone);
      resolve(heard);
    };
    socket.on('voice-transcript', onTranscript).on('reply', onReply).on('voice-done', onDone).once('voice-error', reject);
    const samples = spokenAudio(text, { voice: 'en-us+f2' }).samples;
    socket.emit('voice-start', { id, sampleRate: 16_000 });
    for (let at = 0; at < samples.length; at += 2048) socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + 2048).buffer) });
    socket.emit('voice-end', { id });
  });
}
