import type { PcmAudio } from './pcm-audio.ts';
import { WavFormatError } from './wav-format-error.ts';
import { decodeWavSamples, unreadableWavFormat, type WavSampleFormat } from './wav-samples.ts';

/** Sample rates {@link parseWav} accepts, in Hz. */
export const wavSampleRates = { min: 8000, max: 48_000 };

const pcmFormat = 1;
const extensibleFormat = 0xfffe;

/**
 * Reads a WAV file as 16-bit mono PCM: integer PCM of 8 to 32 bits, float, A-law and µ-law are converted, several
 * channels mixed down to one, chunks other than `fmt ` and `data` (LIST, fact, …) skipped; the plain and the
 * extensible format header are both read. Throws {@link WavFormatError} naming what is wrong for anything else: not
 * RIFF/WAVE, compressed samples (ADPCM, MP3), a rate outside 8–48 kHz, a missing or truncated data chunk.
 */
export function parseWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavFormatError('the body is not a WAV file (no RIFF/WAVE header)');
  let format: (WavSampleFormat & { channels: number; sampleRate: number }) | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new WavFormatError('the WAV format chunk is truncated');
      const code = view.getUint16(body, true);
      const sub = size >= 26 && body + 26 <= bytes.length ? view.getUint16(body + 24, true) : pcmFormat;
      const bits = view.getUint16(body + 14, true);
      const sample = { code: code === extensibleFormat ? sub : code, bits };
      const unreadable = unreadableWavFormat(sample);
      if (unreadable) throw new WavFormatError(unreadable);
      format = { ...sample, channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true) };
      if (format.channels < 1) throw new WavFormatError('the WAV audio has no channels');
      if (format.sampleRate < wavSampleRates.min || format.sampleRate > wavSampleRates.max)
        throw new WavFormatError(`the WAV sample rate must be ${wavSampleRates.min} to ${wavSampleRates.max} Hz (this is ${format.sampleRate} Hz)`);
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('the WAV data chunk comes before its format chunk');
      // Streamed WAVs may carry a placeholder size: read what is there.
      const end = Math.min(bytes.length, body + size);
      return { sampleRate: format.sampleRate, samples: decodeWavSamples(bytes.subarray(body, end), format) };
    }
    at = body + size + (size % 2);
  }
  throw new WavFormatError('the WAV file has no data chunk');
}

/** A mono 16-bit PCM WAV file of `audio`. */
export function encodeWav(audio: PcmAudio): Uint8Array {
  const dataBytes = audio.samples.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const text = (at: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes[at + i] = value.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, pcmFormat, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, audio.sampleRate, true);
  view.setUint32(28, audio.sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < audio.samples.length; i++) view.setInt16(44 + i * 2, audio.samples[i]!, true);
  return bytes;
}
