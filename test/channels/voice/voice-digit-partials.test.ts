import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceDone, VoiceTranscript } from '../../../channels/voice/voice-protocol.ts';
import type { MessageAck } from '../../../channels/web/protocol.ts';
import { spokenDigitsToText } from '../../../engine/speech/spoken-digits.ts';
import { parseWav } from '../../../engine/speech/wav.ts';
import { pausedRecordings } from '../../fixtures/voice-recordings/paused-recordings.ts';
import { type AcmeVoiceSocket, startAcmeVoiceSocket } from '../../support/acme-voice-socket.ts';

// While the bot waits for an order number, the recognizer's partial transcripts come from the awaited-answer grammar
// as well as the n-gram model (#19), so they hold every digit read out and the widget may end the turn early.

let socket: Socket;
let served: AcmeVoiceSocket | undefined;

beforeAll(async () => {
  served = await startAcmeVoiceSocket();
  ({ socket } = served);
}, 60_000);
afterAll(async () => {
  await served?.close();
});

/** Sends a typed message and waits until its turn ends. */
async function type(text: string): Promise<void> {
  const id = `typed-${text.length}`;
  const ended = new Promise<void>((resolve) => socket.on('turn-end', (end: { turnId: string }) => end.turnId === id && resolve()));
  const ack = await new Promise<MessageAck>((resolve) => socket.emit('message', { id, text }, resolve));
  expect(ack.ok).toBe(true);
  await ended;
  socket.off('turn-end');
}

/** Streams 16 kHz samples in 128 ms chunks, paced four times faster than the widget; returns the partial transcripts. */
async function partialsOf(samples: Int16Array): Promise<{ partials: VoiceTranscript[]; final: VoiceTranscript }> {
  const id = 'digits';
  const partials: VoiceTranscript[] = [];
  const final = new Promise<VoiceTranscript>((resolve) =>
    socket.on('voice-transcript', (t: VoiceTranscript) => {
      if (t.id !== id) return;
      if (!t.final) partials.push(t);
      else resolve(t);
    }),
  );
  socket.emit('voice-start', { id, sampleRate: 16_000 });
  for (let at = 0; at < samples.length; at += 2048) {
    socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + 2048).buffer) });
    await new Promise((resolve) => setTimeout(resolve, 32));
  }
  socket.emit('voice-end', { id });
  const heard = await final;
  // The reply is not needed: stop it speaking.
  const done = new Promise<VoiceDone>((resolve) => socket.on('voice-done', (d: VoiceDone) => d.id === id && resolve(d)));
  socket.emit('interrupt', {});
  await done;
  socket.off('voice-transcript').off('voice-done');
  return { partials, final: heard };
}

describe('partial transcripts while the bot waits for an order number', () => {
  it('hold all five digits read out with a pause, and are then complete', { timeout: 60_000 }, async () => {
    await type('where is my order');
    // "four zero two · one one" (en-gb, 140 words a minute, a 1 s pause): pocketsphinx's n-gram partials stop at
    // "four zero two want want"; the awaited-answer grammar, decoded as the audio streams, hears five digits.
    const recording = pausedRecordings().find((r) => r.name.startsWith('04-digits'))!;
    const { samples } = parseWav(recording.wav);
    const { partials, final } = await partialsOf(samples.slice(0, Math.round(((recording.speechEndMs + 600) / 1000) * 16_000)));
    const complete = partials.filter((p) => p.complete);
    expect(complete.length, JSON.stringify(partials)).toBeGreaterThan(0);
    for (const p of complete) expect(spokenDigitsToText(p.text).replace(/\D/g, '')).toHaveLength(5);
    // Complete only once the last group was spoken: never inside the pause.
    expect(Math.min(...complete.map((p) => p.audioMs ?? 0))).toBeGreaterThan(recording.pauseEndMs);
    // The final answer is a five-digit number too (the streamed partials of a fresh grammar decoder may mishear a
    // digit, which its final reading corrects, so the digits themselves are not asserted).
    expect(final.text).toMatch(/^\d{5}$/);
  });
});
