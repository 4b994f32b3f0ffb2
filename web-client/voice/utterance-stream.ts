import { floatToPcm16 } from './pcm16.ts';
import type { VoiceSocket } from './voice-socket.ts';

/** The sample rate of the detector's frames and of the utterances sent, in Hz. */
export const utteranceSampleRate = 16_000;
/** Samples per `voice-chunk` at most: 8192 samples are 16,384 bytes, the server's default chunk limit. */
const maxChunkSamples = 8192;
/** Audio is sent in pieces of at least this many samples while the user speaks (128 ms). */
const streamSamples = 2048;
/** The server refuses utterances over 30 s by default; a longer one is cut there. */
const maxSamples = 29 * utteranceSampleRate;

/** An utterance being sent while the user speaks. */
export interface UtteranceStream {
  readonly id: string;
  /** The next frame of the utterance (16 kHz floats). */
  push(frame: Float32Array): void;
  /** The audio pushed so far (sent or about to be), in milliseconds from the utterance's start. */
  audioMs(): number;
  /** Sends what is left and `voice-end`; returns the utterance's length in milliseconds. */
  end(): number;
}

/**
 * Streams an utterance over the socket as the user speaks: `voice-start`, the audio heard so far (`frames`: the
 * detector's pre-speech pad and the speech up to now), then 16-bit PCM `voice-chunk`s every 128 ms, and `voice-end`
 * when the detector ends the utterance. The server's recognizer decodes as the audio comes, so the transcript is
 * nearly ready when the user's end-of-turn wait is over.
 */
export function startUtteranceStream(socket: VoiceSocket, id: string, frames: readonly Float32Array[]): UtteranceStream {
  let pending: Float32Array[] = [];
  let pendingSamples = 0;
  let sent = 0;
  let pushed = 0;
  const flush = () => {
    if (pendingSamples === 0) return;
    const all = new Float32Array(pendingSamples);
    let at = 0;
    for (const frame of pending) {
      all.set(frame, at);
      at += frame.length;
    }
    pending = [];
    pendingSamples = 0;
    const pcm = floatToPcm16(all.subarray(0, Math.max(0, Math.min(all.length, maxSamples - sent))));
    sent += pcm.length;
    for (let from = 0; from < pcm.length; from += maxChunkSamples) {
      const part = pcm.slice(from, from + maxChunkSamples);
      socket.emit('voice-chunk', { id, audio: new Uint8Array(part.buffer) });
    }
  };
  const push = (frame: Float32Array) => {
    pending.push(frame);
    pendingSamples += frame.length;
    pushed += frame.length;
  };
  socket.emit('voice-start', { id, sampleRate: utteranceSampleRate });
  for (const frame of frames) push(frame);
  flush();
  return {
    id,
    push(frame) {
      push(frame);
      if (pendingSamples >= streamSamples) flush();
    },
    audioMs: () => (pushed / utteranceSampleRate) * 1000,
    end() {
      flush();
      socket.emit('voice-end', { id });
      return (sent / utteranceSampleRate) * 1000;
    },
  };
}
