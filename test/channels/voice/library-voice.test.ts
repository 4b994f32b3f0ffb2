import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer, type ParleyServer } from '../../../channels/http/create-parley-server.ts';
import { voiceFromConfig } from '../../../channels/voice/voice-from-config.ts';
import type { VoiceAudio, VoiceDone, VoiceError, VoiceTranscript } from '../../../channels/voice/voice-protocol.ts';
import type { ReplyPart } from '../../../channels/web/protocol.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { parseWav } from '../../../engine/speech/wav.ts';
import { type SpokenWavOptions, spokenWav } from '../../fixtures/voice/spoken-wav.ts';
import { loadLibraryBot } from '../../support/load-library-bot.ts';
import { testApiKey, testAuthorization } from '../../support/security-api-key.ts';

/**
 * The second bot (Riverside City Library) served with voice the way `parley start --bot` serves it (voice from its
 * config, on its own store), spoken to in espeak-ng voices the Acme tests do not use, over REST and socket.io.
 */
let library: LoadedBot;
let server: ParleyServer;
let base: string;

/** Voices and speeds other than Acme's (`en-us` and `en-gb` at 150–190 words a minute). */
const female: SpokenWavOptions = { voice: 'en-us+f2', wordsPerMinute: 150 };
const received: SpokenWavOptions = { voice: 'en-gb-x-rp+m3', wordsPerMinute: 185 };
const maxUtteranceBytes = 250_000;
/** About 4 s: at 48 kHz, over {@link maxUtteranceBytes}. */
const long = 'how long can I keep a book and how many books can I take out';

beforeAll(async () => {
  library = await loadLibraryBot();
  const log = pino({ level: 'silent' });
  const voice = voiceFromConfig(library.config.voice, log, library.store);
  if (voice === false) throw new Error('voice is off: pocketsphinx is not installed');
  server = createParleyServer({ bot: library.bot, botName: library.definition.name, log, apiKeys: [testApiKey], voice: { ...voice, limits: { maxUtteranceBytes } } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.web?.stop();
  await new Promise((resolve) => server.close(resolve));
  await library.bot.close();
});

interface SpokenReply {
  status: string;
  transcript: string;
  reply: string;
  audio: { contentType: string; base64: string } | null;
}

const post = (conversation: string, wav: Uint8Array) =>
  fetch(`${base}/api/conversations/${conversation}/utterances`, { method: 'POST', headers: { 'content-type': 'audio/wav', ...testAuthorization }, body: new Blob([wav as BlobPart]) });

async function say(conversation: string, text: string, options: SpokenWavOptions): Promise<SpokenReply> {
  const response = await post(conversation, spokenWav(text, options));
  expect(response.status).toBe(200);
  return (await response.json()) as SpokenReply;
}

const seconds = (reply: SpokenReply) => {
  const audio = parseWav(Buffer.from(reply.audio!.base64, 'base64'));
  return audio.samples.length / audio.sampleRate;
};

describe('the library bot spoken to over REST, in other voices', { timeout: 90_000 }, () => {
  it('renews loans: the intent, the card number read digit by digit, then yes', async () => {
    const asked = await say('r1', 'renew my books', female);
    expect(asked.reply).toMatch(/library card number/);
    expect(seconds(asked)).toBeGreaterThan(1);
    const card = await say('r1', 'one one two two three three four four', female);
    expect(card.transcript).toBe('11223344');
    expect(card.reply).toMatch(/Renew every item on card 11223344/);
    const done = await say('r1', 'yes', female);
    expect(done.reply).toMatch(/your loans are renewed \(reference L-\d+\)/);
  });

  it('starts a flow from a paraphrase that is not among its examples', async () => {
    expect((await say('r2', 'please renew the things I checked out', female)).reply).toMatch(/library card number/);
  });

  it("books a room with the day and the count said the way the flow's examples say them", async () => {
    expect((await say('r3', 'book a study room', received)).reply).toMatch(/For which day/);
    const day = await say('r3', 'on saturday', received);
    expect(day.reply).toMatch(/how many people/);
    const people = await say('r3', 'two people', received);
    expect(people.reply).toMatch(/Book a study room for 2 on saturday\?/);
    expect((await say('r3', 'no thanks', female)).reply).toMatch(/haven't booked a room/);
  });

  it('stops a form on "cancel"', async () => {
    expect((await say('r4', 'book a study room', female)).reply).toMatch(/For which day/);
    expect((await say('r4', 'cancel', female)).reply).toMatch(/stopped/);
  });

  it('refuses an oversized upload with a clear error and stays usable', async () => {
    const large = await post('r5', spokenWav(long, { ...female, sampleRate: 48_000 }));
    expect(large.status).toBe(413);
    expect((await large.json()).error).toMatchObject({ code: 'audio_too_large', message: expect.stringContaining(String(maxUtteranceBytes)) });
    expect((await say('r5', 'talk to a librarian', received)).reply).toMatch(/handing you over/);
  });
});

function connect(): Promise<Socket> {
  const socket = io(base, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('session', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface Heard {
  transcripts: VoiceTranscript[];
  texts: string[];
  audio: VoiceAudio[];
  done?: VoiceDone;
  error?: VoiceError;
}

let ids = 0;

/**
 * Streams a WAV's samples in chunks of 4,000 samples and collects what comes back until `voice-done` or `voice-error`;
 * `onPlayed` sees each chunk of the reply's speech (and may interrupt).
 */
function speak(socket: Socket, wav: Uint8Array, onPlayed?: (audio: VoiceAudio) => void): Promise<Heard> {
  const id = `lib${++ids}`;
  const heard: Heard = { transcripts: [], texts: [], audio: [] };
  return new Promise((resolve) => {
    const finish = () => {
      socket.off('voice-transcript', onTranscript).off('reply', onReply).off('voice-audio', onAudio).off('voice-done', onDone).off('voice-error', onError);
      resolve(heard);
    };
    const onTranscript = (t: VoiceTranscript) => t.id === id && heard.transcripts.push(t);
    const onReply = (p: ReplyPart) => p.turnId === id && p.event.type === 'text-end' && heard.texts.push(p.event.text);
    const onAudio = (a: VoiceAudio) => {
      if (a.id !== id) return;
      heard.audio.push(a);
      onPlayed?.(a);
    };
    const onDone = (d: VoiceDone) => {
      if (d.id !== id) return;
      heard.done = d;
      // Audio sent after the end would arrive before this timer fires.
      setTimeout(finish, 300);
    };
    const onError = (e: VoiceError) => {
      if (e.id !== id) return;
      heard.error = e;
      finish();
    };
    socket.on('voice-transcript', onTranscript).on('reply', onReply).on('voice-audio', onAudio).on('voice-done', onDone).on('voice-error', onError);
    const { samples, sampleRate } = parseWav(wav);
    socket.emit('voice-start', { id, sampleRate });
    const chunk = 4000;
    for (let at = 0; at < samples.length; at += chunk) socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + chunk).buffer) });
    socket.emit('voice-end', { id });
  });
}

describe('the library bot spoken to over socket.io, in other voices', { timeout: 90_000 }, () => {
  it("answers a question from the library's documents as text and audio", async () => {
    const socket = await connect();
    const heard = await speak(socket, spokenWav('when does the library close on sunday', female));
    expect(heard.texts.join(' ')).toMatch(/Sunday from 1 pm to 5 pm/);
    expect(heard.audio.length).toBeGreaterThan(0);
    expect(heard.done?.status).toBe('completed');
    socket.close();
  });

  it('asks for a card number, says the answer it awaits is digits, and hears them', async () => {
    const socket = await connect();
    const asked = await speak(socket, spokenWav('I want to renew my loans', received));
    expect(asked.texts.join(' ')).toMatch(/library card number/);
    expect(asked.done?.awaiting).toBe('digits');
    const card = await speak(socket, spokenWav('one one two two three three four four', female));
    expect(card.transcripts.at(-1)).toMatchObject({ final: true, text: '11223344' });
    expect(card.texts.join(' ')).toMatch(/card 11223344/);
    expect(card.done?.awaiting).toBe('free');
    socket.close();
  });

  it('stops a spoken answer when the user talks over it, keeping what was said', async () => {
    const socket = await connect();
    let interrupted = false;
    const heard = await speak(socket, spokenWav('how long can I keep a book', female), () => {
      if (interrupted) return;
      interrupted = true;
      socket.emit('interrupt', { playedMs: 500 });
    });
    expect(heard.done?.status).toBe('interrupted');
    const full = heard.texts.join(' ');
    expect(full.length).toBeGreaterThan(0);
    expect(heard.done?.spokenText?.length ?? 0).toBeLessThan(full.length);
    socket.close();
  });

  it('refuses an utterance over the byte limit with an error and stays usable', async () => {
    const socket = await connect();
    const errors: VoiceError[] = [];
    socket.on('voice-error', (e: VoiceError) => errors.push(e));
    const large = await speak(socket, spokenWav(long, { ...female, sampleRate: 48_000 }));
    expect(large.error).toMatchObject({ code: 'utterance_too_long', message: expect.stringContaining(`${maxUtteranceBytes} bytes`) });
    const after = await speak(socket, spokenWav('talk to a librarian', female));
    expect(after.error).toBeUndefined();
    expect(after.done?.status).toBe('completed');
    expect(after.texts.join(' ').length).toBeGreaterThan(0);
    // One refusal for the refused utterance: its voice-end, still in flight, is not refused again.
    expect(errors).toHaveLength(1);
    socket.close();
  });
});
