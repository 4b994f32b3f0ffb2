/**
 * What a UTF-8 lead byte needs next: the number of continuation bytes and the allowed range of the first
 * one (narrower after E0, ED, F0 and F4, which excludes overlong forms and surrogates). Null for a byte
 * that cannot start a multi-byte character.
 */
export function utf8Lead(byte: number): { need: number; low: number; high: number } | null {
  if (byte >= 0xc2 && byte <= 0xdf) return { need: 1, low: 0x80, high: 0xbf };
  if (byte === 0xe0) return { need: 2, low: 0xa0, high: 0xbf };
  if (byte === 0xed) return { need: 2, low: 0x80, high: 0x9f };
  if (byte >= 0xe1 && byte <= 0xef) return { need: 2, low: 0x80, high: 0xbf };
  if (byte === 0xf0) return { need: 3, low: 0x90, high: 0xbf };
  if (byte >= 0xf1 && byte <= 0xf3) return { need: 3, low: 0x80, high: 0xbf };
  if (byte === 0xf4) return { need: 3, low: 0x80, high: 0x8f };
  return null;
}
