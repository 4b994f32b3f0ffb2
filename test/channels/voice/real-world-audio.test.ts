import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer, type ParleyServer } from '../../../channels/http/create-parley-server.ts';
import type { VoiceDone, VoiceError } from '../../../channels/voice/voice-protocol.ts';
import type { ReplyPart } from '../../../channels/web/protocol.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../../core/stores/memory-store.ts';
import { encodeWav, parseWav } from '../../../engine/speech/wav.ts';
import { degrade } from '../../bench/stt-degrade.ts';
import { spokenWav } from '../../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { testApiKey, testAuthorization } from '../../support/security-api-key.ts';
import { soxVariant, withChunkBeforeFormat } from './sox-variant.ts';

/**
 * Recordings as people upload them, not clean 16 kHz synthetic speech: other sample formats and rates, telephone
 * audio, extra header chunks, quiet and clipped levels, long silences and noise — over REST and the socket.
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

let conversations = 0;
async function upload(wav: Uint8Array, conversation = `rw${++conversations}`): Promise<{ status: number; body: { status?: string; reply?: string; transcript?: string; error?: { code: string; message: string } } }> {
  const response = await fetch(`${base}/api/conversations/${conversation}/utterances`, { method: 'POST', headers: { 'content-type': 'audio/wav', ...testAuthorization }, body: new Blob([wav as BlobPart]) });
  return { status: response.status, body: await response.json() };
}

const question = 'I want to check my order status';
const asksOrderNumber = /order number/;

describe('real-world audio over REST', { timeout: 60_000 }, () => {
  it('hears the same request in the formats recorders and telephones write', async () => {
    const clean = spokenWav(question);
    const variants: Record<string, Uint8Array> = {
      '44.1 kHz stereo float with a LIST chunk': withChunkBeforeFormat(soxVariant(clean, ['-r', '44100', '-c', '2', '-e', 'floating-point', '-b', '32']), 'LIST', new TextEncoder().encode('INFOISFTx')),
      '8 kHz telephone µ-law': soxVariant(clean, ['-r', '8000', '-e', 'u-law'], ['sinc', '300-3400']),
      '48 kHz 24-bit, 3 s of silence either side': soxVariant(clean, ['-r', '48000', '-b', '24'], ['pad', '3', '3']),
      '8-bit unsigned': soxVariant(clean, ['-D', '-b', '8']),
    };
    for (const [what, wav] of Object.entries(variants)) {
      const { status, body } = await upload(wav);
      expect(status, what).toBe(200);
      expect(body.status, what).toBe('completed');
      expect(body.reply, what).toMatch(asksOrderNumber);
    }
  });

  it('hears a quiet recording after a loud, clipped one (12 dB over: the level is brought to a common one first)', async () => {
    const clean = spokenWav(question);
    const loud = await upload(soxVariant(clean, [], ['gain', '12']));
    expect(loud.body.reply).toMatch(asksOrderNumber);
    const quiet = await upload(soxVariant(clean, [], ['gain', '-30']));
    expect(quiet.body.status).toBe('completed');
    expect(quiet.body.reply).toMatch(asksOrderNumber);
  });

  it('hears speech over pink noise at 20 dB', async () => {
    const noisy = degrade(parseWav(spokenWav(question)), { noise: 'pink', snrDb: 20 });
    const { body } = await upload(encodeWav(noisy));
    expect(body.reply).toMatch(asksOrderNumber);
  });

  it('refuses compressed audio and rates out of range with 422 naming what it is, and stays usable', async () => {
    const clean = spokenWav(question);
    const adpcm = await upload(soxVariant(clean, ['-e', 'ima-adpcm']));
    expect(adpcm).toMatchObject({ status: 422, body: { error: { code: 'invalid_audio', message: expect.stringMatching(/IMA ADPCM/) } } });
    const fast = await upload(soxVariant(clean, ['-r', '96000']));
    expect(fast).toMatchObject({ status: 422, body: { error: { code: 'invalid_audio', message: expect.stringMatching(/8000 to 48000 Hz \(this is 96000 Hz\)/) } } });
    expect((await upload(clean)).body.reply).toMatch(asksOrderNumber);
  });
});

describe('real-world audio over the socket', { timeout: 60_000 }, () => {
  it('hears 44.1 kHz audio streamed in chunks, quiet after loud', async () => {
    const socket = io(base, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    const clean = spokenWav(question);
    for (const gain of ['12', '-30']) {
      const audio = parseWav(soxVariant(clean, ['-r', '44100'], ['gain', gain]));
      const heard = await stream(socket, `s${gain}`, audio.samples, audio.sampleRate);
      expect(heard.error, `gain ${gain}`).toBeUndefined();
      expect(heard.done?.status, `gain ${gain}`).toBe('completed');
      expect(heard.texts.join(' '), `gain ${gain}`).toMatch(asksOrderNumber);
    }
    socket.close();
  });
});

/** Streams `samples` as one utterance in eighth-of-a-second chunks of 16-bit PCM; what came back, until `voice-done` or `voice-error`. */
function stream(socket: Socket, id: string, samples: Int16Array, sampleRate: number): Promise<{ texts: string[]; done?: VoiceDone; error?: VoiceError }> {
  const heard: { texts: string[]; done?: VoiceDone; error?: VoiceError } = { texts: [] };
  return new Promise((resolve) => {
    const onReply = (p: ReplyPart) => {
      if (p.turnId === id && p.event.type === 'text-end') heard.texts.push(p.event.text);
    };
    const finish = () => {
      socket.off('reply', onReply).off('voice-done', onDone).off('voice-error', onError);
      resolve(heard);
    };
    const onDone = (d: VoiceDone) => {
      if (d.id !== id) return;
      heard.done = d;
      finish();
    };
    const onError = (e: VoiceError) => {
      heard.error = e;
      finish();
    };
    socket.on('reply', onReply).on('voice-done', onDone).on('voice-error', onError);
    socket.emit('voice-start', { id, sampleRate });
    const chunk = Math.round(sampleRate / 8);
    for (let at = 0; at < samples.length; at += chunk) socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + chunk).buffer) });
    socket.emit('voice-end', { id });
  });
}
