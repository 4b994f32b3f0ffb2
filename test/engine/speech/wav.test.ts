import { describe, expect, it } from 'vitest';
import { resample } from '../../../engine/speech/resample.ts';
import { encodeWav, parseWav } from '../../../engine/speech/wav.ts';
import { spokenWav } from '../../fixtures/voice/spoken-wav.ts';
import { soxVariant, withChunkBeforeFormat } from '../../channels/voice/sox-variant.ts';

describe('WAV', () => {
  it("reads sox's 16-bit WAVs at any rate from 8 to 48 kHz", () => {
    for (const sampleRate of [8000, 22_050, 48_000]) {
      const audio = parseWav(spokenWav('hello', { sampleRate }));
      expect(audio.sampleRate).toBe(sampleRate);
      // "hello" with 0.2 s of silence either side lasts between half a second and two.
      expect(audio.samples.length / sampleRate).toBeGreaterThan(0.5);
      expect(audio.samples.length / sampleRate).toBeLessThan(2);
    }
  });

  it('writes what it reads', () => {
    const audio = { sampleRate: 16_000, samples: Int16Array.from([0, 1, -1, 32767, -32768]) };
    expect(parseWav(encodeWav(audio))).toEqual(audio);
  });

  it('mixes stereo down to mono', () => {
    const mono = encodeWav({ sampleRate: 16_000, samples: Int16Array.from([100, 300]) });
    const stereo = new Uint8Array(mono.length + 4);
    stereo.set(mono.subarray(0, 44));
    const view = new DataView(stereo.buffer);
    view.setUint16(22, 2, true);
    view.setUint32(40, 8, true);
    for (const [i, s] of [100, 300, 300, 500].entries()) view.setInt16(44 + i * 2, s, true);
    expect([...parseWav(stereo).samples]).toEqual([200, 400]);
  });

  it('converts the sample formats recorders and telephones write to 16-bit, skipping chunks it does not need', () => {
    const wav = spokenWav('hello there');
    const original = parseWav(wav).samples;
    // Lossless to 16 bits: the same samples to within rounding; 8-bit and G.711 keep the waveform, coarser.
    const cases: { output: string[]; within: number }[] = [
      { output: ['-b', '24'], within: 1 },
      { output: ['-b', '32'], within: 1 },
      { output: ['-e', 'floating-point', '-b', '32'], within: 1 },
      { output: ['-e', 'floating-point', '-b', '64'], within: 1 },
      { output: ['-b', '8'], within: 400 },
      { output: ['-e', 'a-law'], within: 1100 },
      { output: ['-e', 'u-law'], within: 1100 },
    ];
    for (const { output, within } of cases) {
      const audio = parseWav(soxVariant(wav, ['-D', ...output]));
      expect(audio.sampleRate, output.join(' ')).toBe(16_000);
      expect(audio.samples.length, output.join(' ')).toBe(original.length);
      const worst = Math.max(...audio.samples.map((s, i) => Math.abs(s - original[i]!)));
      expect(worst, output.join(' ')).toBeLessThanOrEqual(within);
    }
    const tagged = withChunkBeforeFormat(wav, 'LIST', new TextEncoder().encode('INFOISFT\u0005\u0000\u0000\u0000Lavf\u0000'));
    expect(parseWav(tagged).samples).toEqual(original);
  });

  it('names what is wrong with audio it cannot read', () => {
    expect(() => parseWav(new TextEncoder().encode('hello, not audio'))).toThrow(/not a WAV file/);
    expect(() => parseWav(soxVariant(spokenWav('hello'), ['-e', 'ima-adpcm']))).toThrow(/IMA ADPCM \(format 17\)/);
    const twelveBit = encodeWav({ sampleRate: 16_000, samples: new Int16Array(4) });
    new DataView(twelveBit.buffer).setUint16(34, 12, true);
    expect(() => parseWav(twelveBit)).toThrow(/PCM \(format 1\), 12-bit/);
    const slow = encodeWav({ sampleRate: 4000, samples: new Int16Array(4) });
    expect(() => parseWav(slow)).toThrow(/8000 to 48000 Hz/);
    expect(() => parseWav(encodeWav({ sampleRate: 16_000, samples: new Int16Array(0) }).subarray(0, 36))).toThrow(/no data chunk/);
  });

  it('resamples by the ratio of the rates', () => {
    const audio = { sampleRate: 48_000, samples: new Int16Array(48_000).fill(1000) };
    const down = resample(audio, 16_000);
    expect(down.samples.length).toBe(16_000);
    expect(down.samples.every((s) => s === 1000)).toBe(true);
    expect(resample({ sampleRate: 8000, samples: new Int16Array(8000) }, 16_000).samples.length).toBe(16_000);
  });
});
