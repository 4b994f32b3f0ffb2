import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitsAnswer, botSpeechLanguage } from '../../../channels/voice/bot-speech-language.ts';
import type { VoiceDone } from '../../../channels/voice/voice-protocol.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import type { SpeechToText } from '../../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { type AcmeVoiceSocket, startAcmeVoiceSocket } from '../../support/acme-voice-socket.ts';

// The server readies its recognizer before the user speaks (#19): when the widget turns the microphone on
// (`voice-prepare`), and after each voice turn for the answer the bot then awaits. Recognitions are recorded by
// wrapping the real pocketsphinx recognizer.

interface Recognition {
  language?: SpeechLanguage;
  samples: number;
  finished: boolean;
}

let acme: LoadedBot;
let socket: Socket;
let served: AcmeVoiceSocket | undefined;
const recognitions: Recognition[] = [];

beforeAll(async () => {
  const pocketsphinx = createPocketsphinxSpeechToText();
  const recording: SpeechToText = {
    provider: pocketsphinx.provider,
    closedVocabulary: pocketsphinx.closedVocabulary,
    async *recognize(audio, options) {
      const recognition: Recognition = { ...(options.language ? { language: options.language } : {}), samples: 0, finished: false };
      recognitions.push(recognition);
      const counted = (async function* () {
        for await (const chunk of audio) {
          recognition.samples += chunk.length;
          yield chunk;
        }
      })();
      for await (const event of pocketsphinx.recognize(counted, options)) {
        if (event.type === 'transcript-final') recognition.finished = true;
        yield event;
      }
    },
  };
  served = await startAcmeVoiceSocket({ stt: recording });
  ({ acme, socket } = served);
}, 60_000);
afterAll(async () => {
  await served?.close();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Says `text` as one utterance and waits for the turn's end. */
async function say(id: string, text: string): Promise<VoiceDone> {
  const done = new Promise<VoiceDone>((resolve) => socket.on('voice-done', (d: VoiceDone) => d.id === id && resolve(d)));
  socket.emit('voice-start', { id, sampleRate: 16_000 });
  const { samples } = spokenAudio(text);
  for (let at = 0; at < samples.length; at += 2048) socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + 2048).buffer) });
  socket.emit('voice-end', { id });
  const ended = await done;
  socket.off('voice-done');
  return ended;
}

describe('readying the recognizer before the user speaks', () => {
  it("recognizes a moment of silence against the bot's language when the microphone is turned on, once", { timeout: 60_000 }, async () => {
    socket.emit('voice-prepare');
    socket.emit('voice-prepare');
    await until(() => recognitions.some((r) => r.finished), 'the prepared recognition');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(recognitions).toHaveLength(1);
    expect(recognitions[0]!.language).toBe(botSpeechLanguage(acme.bot.registry));
    expect(recognitions[0]!.samples).toBeLessThan(16_000);
  });

  it('readies the language of the answer the bot awaits once a voice turn asks for it', { timeout: 60_000 }, async () => {
    const done = await say('ask', 'where is my order');
    expect(done.awaiting).toBe('digits');
    // The turn's own recognition, then one against the awaited order number, before the user says it.
    await until(() => recognitions.length >= 3 && recognitions.every((r) => r.finished), 'the prepared recognition');
    const prepared = recognitions.at(-1)!;
    expect(prepared.samples).toBeLessThan(16_000);
    expect(awaitsAnswer(prepared.language)).toBe(true);
    const answer = await say('answer', 'four zero two one one');
    expect(answer.status).toBe('completed');
    expect(recognitions.at(-1)!.language).toBe(prepared.language);
  });
});
