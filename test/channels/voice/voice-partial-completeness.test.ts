import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceDone, VoiceTranscript } from '../../../channels/voice/voice-protocol.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { type AcmeVoiceSocket, startAcmeVoiceSocket } from '../../support/acme-voice-socket.ts';

let socket: Socket;
let served: AcmeVoiceSocket | undefined;

beforeAll(async () => {
  served = await startAcmeVoiceSocket();
  ({ socket } = served);
}, 60_000);
afterAll(async () => {
  await served?.close();
});

let ids = 0;

/** Streams spoken `text` in 128 ms chunks, paced like the widget, then silence; returns its partial transcripts. */
async function partialsOf(text: string): Promise<{ partials: VoiceTranscript[]; audioMs: number }> {
  const id = `p${++ids}`;
  const speech = spokenAudio(text).samples;
  const samples = new Int16Array(speech.length + 16_000 * 0.6);
  samples.set(speech);
  const partials: VoiceTranscript[] = [];
  const done = new Promise<void>((resolve) => {
    socket.on('voice-transcript', (t: VoiceTranscript) => t.id === id && !t.final && partials.push(t));
    socket.on('voice-done', (d: VoiceDone) => d.id === id && resolve());
  });
  socket.emit('voice-start', { id, sampleRate: 16_000 });
  for (let at = 0; at < samples.length; at += 2048) {
    socket.emit('voice-chunk', { id, audio: Buffer.from(samples.slice(at, at + 2048).buffer) });
    await new Promise((resolve) => setTimeout(resolve, 32));
  }
  socket.emit('voice-end', { id });
  await done;
  socket.off('voice-transcript').off('voice-done');
  return { partials, audioMs: (samples.length / 16_000) * 1000 };
}

describe('partial transcripts say whether the words so far are a complete request', () => {
  it('marks a whole request complete once its words stand, each partial saying how much audio it covers', { timeout: 60_000 }, async () => {
    const { partials, audioMs } = await partialsOf('I want to check my order status');
    expect(partials.length).toBeGreaterThan(2);
    const covered = partials.map((p) => p.audioMs ?? -1);
    expect(covered).toEqual([...covered].sort((a, b) => a - b));
    expect(Math.min(...covered)).toBeGreaterThan(0);
    expect(Math.max(...covered)).toBeLessThanOrEqual(audioMs);
    const complete = partials.filter((p) => p.complete);
    expect(complete.length, JSON.stringify(partials)).toBeGreaterThan(0);
    // A new reading is never complete at once: it must stand over a further chunk first.
    for (const p of complete) expect(partials.some((q) => q.text === p.text && q.complete === false && (q.audioMs ?? 0) < (p.audioMs ?? 0))).toBe(true);
  });

  it('never marks complete words that stop on "does"', { timeout: 60_000 }, async () => {
    const { partials } = await partialsOf('what time does');
    expect(partials.length).toBeGreaterThan(0);
    expect(partials.filter((p) => p.complete)).toEqual([]);
  });
});
