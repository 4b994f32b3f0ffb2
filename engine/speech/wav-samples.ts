import g711 from 'alawmulaw';

/** How a WAV file's samples are stored: the format tag of its `fmt ` chunk (or of its extensible subformat) and the bits per sample. */
export interface WavSampleFormat {
  /** 1 integer PCM, 3 IEEE float, 6 A-law, 7 µ-law. */
  code: number;
  /** Bits per sample as stored (the container size). */
  bits: number;
}

const formatNames: Readonly<Record<number, string>> = { 2: 'Microsoft ADPCM', 17: 'IMA ADPCM', 49: 'GSM 6.10', 80: 'MPEG', 85: 'MP3', 353: 'WMA' };

/**
 * Why `format` cannot be read, or undefined when it can: integer PCM of 8, 16, 24 or 32 bits, IEEE float of 32 or
 * 64 bits, 8-bit A-law or µ-law (telephone audio). Compressed formats (ADPCM, MP3 in a WAV) are refused.
 */
export function unreadableWavFormat(format: WavSampleFormat): string | undefined {
  const { code, bits } = format;
  if (code === 1 && [8, 16, 24, 32].includes(bits)) return undefined;
  if (code === 3 && (bits === 32 || bits === 64)) return undefined;
  if ((code === 6 || code === 7) && bits === 8) return undefined;
  const name = formatNames[code] ?? { 1: 'PCM', 3: 'float', 6: 'A-law', 7: 'µ-law' }[code] ?? 'an unknown format';
  return `the WAV audio must be PCM (8, 16, 24 or 32-bit), float (32 or 64-bit), A-law or µ-law; this is ${name} (format ${code}), ${bits}-bit`;
}

/**
 * The samples of a WAV data chunk as 16-bit mono: each sample converted from its format (24- and 32-bit PCM and
 * float are rounded to 16 bits, A-law and µ-law decoded) and the channels averaged. `format` must be readable.
 */
export function decodeWavSamples(bytes: Uint8Array, format: WavSampleFormat & { channels: number }): Int16Array {
  const width = format.bits / 8;
  const frames = Math.floor(bytes.length / (width * format.channels));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(view, format, bytes);
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < format.channels; c++) sum += read((i * format.channels + c) * width);
    out[i] = Math.max(-32768, Math.min(32767, Math.round(sum / format.channels)));
  }
  return out;
}

/** Reads one sample at a byte offset, on the 16-bit scale. */
function sampleReader(view: DataView, format: WavSampleFormat, bytes: Uint8Array): (at: number) => number {
  const { code, bits } = format;
  if (code === 6 || code === 7) {
    const decoded = (code === 6 ? g711.alaw : g711.mulaw).decode(bytes);
    return (at) => decoded[at]!;
  }
  if (code === 3) return bits === 32 ? (at) => view.getFloat32(at, true) * 32768 : (at) => view.getFloat64(at, true) * 32768;
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) * 256;
    case 16:
      return (at) => view.getInt16(at, true);
    case 24:
      return (at) => ((view.getUint8(at + 2) << 24) | (view.getUint8(at + 1) << 16) | (view.getUint8(at) << 8)) / 65536;
    default:
      return (at) => view.getInt32(at, true) / 65536;
  }
}
