import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer, type ParleyServer } from '../../../channels/http/create-parley-server.ts';
import type { VoiceAudio, VoiceDone, VoiceError, VoiceTranscript } from '../../../channels/voice/voice-protocol.ts';
import type { ReplyPart } from '../../../channels/web/protocol.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../../core/stores/memory-store.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../../support/load-acme.ts';

let acme: LoadedBot;
let server: ParleyServer;
let url: string;

beforeAll(async () => {
  const store = createMemoryStore();
  acme = await loadAcme({ knowledge: false, conversationStore: store });
  server = createParleyServer({ bot: acme.bot, botName: 'Acme', log: pino({ level: 'silent' }), voice: { store, limits: { maxUtteranceSeconds: 5, audioLeadMs: 3000 } } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.web?.stop();
  await new Promise((resolve) => server.close(resolve));
  await acme.bot.close();
});

function connect(): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('session', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** What the server sent for one utterance, until `voice-done` or `voice-error`. */
interface Heard {
  transcripts: VoiceTranscript[];
  parts: ReplyPart[];
  audio: VoiceAudio[];
  done?: VoiceDone;
  error?: VoiceError;
}

let ids = 0;

/** Streams the spoken `text` in 0.25 s chunks; `onAudio` may interrupt. */
function speak(socket: Socket, text: string, options: { seconds?: number; onAudio?: (audio: VoiceAudio) => void } = {}): Promise<Heard> {
  const id = `u${++ids}`;
  const heard: Heard = { transcripts: [], parts: [], audio: [] };
  return new Promise((resolve) => {
    const finish = () => {
      socket.off('voice-transcript').off('reply').off('voice-audio').off('voice-done').off('voice-error');
      resolve(heard);
    };
    socket.on('voice-transcript', (t: VoiceTranscript) => t.id === id && heard.transcripts.push(t));
    socket.on('reply', (p: ReplyPart) => p.turnId === id && heard.parts.push(p));
    socket.on('voice-audio', (a: VoiceAudio) => {
      if (a.id !== id) return;
      heard.audio.push(a);
      options.onAudio?.(a);
    });
    socket.on('voice-done', (d: VoiceDone) => {
      if (d.id !== id) return;
      heard.done = d;
      // Audio sent after the end would arrive before this timer fires.
      setTimeout(finish, 300);
    });
    socket.on('voice-error', (e: VoiceError) => {
      heard.error = e;
      finish();
    });
    const samples = options.seconds ? new Int16Array(16_000 * options.seconds).map((_, i) => Math.round(3000 * Math.sin(i / 7))) : spokenAudio(text).samples;
    socket.emit('voice-start', { id, sampleRate: 16_000 });
    for (let at = 0; at < samples.length; at += 4000) socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + 4000).buffer) });
    socket.emit('voice-end', { id });
  });
}

const texts = (heard: Heard) => heard.parts.flatMap((p) => (p.event.type === 'text-end' ? [p.event.text] : []));

describe('the voice channel over socket.io', { timeout: 60_000 }, () => {
  it('hears an utterance and answers with its transcript, the reply as text and the reply as audio', async () => {
    const socket = await connect();
    const heard = await speak(socket, 'I want to check my order status');
    expect(heard.transcripts.at(-1)).toMatchObject({ final: true, text: expect.stringMatching(/order status/) });
    expect(texts(heard).join(' ')).toMatch(/order number/);
    expect(heard.audio.length).toBeGreaterThan(0);
    expect(heard.audio.map((a) => a.seq)).toEqual(heard.audio.map((_, i) => i));
    expect(heard.done?.status).toBe('completed');
    const next = await speak(socket, 'four five two one zero');
    expect(next.transcripts.at(-1)?.text).toBe('45210');
    expect(texts(next).join(' ')).toMatch(/I found order 45210/);
    socket.close();
  });

  it('refuses an utterance over the length limit with an error and stays usable', async () => {
    const socket = await connect();
    const long = await speak(socket, '', { seconds: 7 });
    expect(long.error).toMatchObject({ code: 'utterance_too_long', message: expect.stringMatching(/limit of 5 s/) });
    const after = await speak(socket, 'where is my order');
    expect(texts(after).join(' ')).toMatch(/order number/);
    socket.close();
  });

  it('stops speaking at an interruption and says what had been spoken', async () => {
    const socket = await connect();
    let interrupted = false;
    const heard = await speak(socket, 'what are your opening hours', {
      onAudio: () => {
        if (interrupted) return;
        interrupted = true;
        socket.emit('interrupt', { playedMs: 600 });
      },
    });
    expect(heard.done?.status).toBe('interrupted');
    const full = texts(heard).join(' ');
    expect(full.length).toBeGreaterThan(0);
    expect(heard.done?.spokenText?.length ?? 0).toBeLessThan(full.length);
    expect(full.toLowerCase()).toContain((heard.done?.spokenText ?? '').split(' ')[0]!.toLowerCase());
    socket.close();
  });
});
