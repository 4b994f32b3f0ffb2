import type { BuiltinMatch } from './builtin-match.ts';
import { bySegments } from './by-segments.ts';
import { recognizersText } from './lazy-modules.ts';

// Letters of any script in the local part and the domain ("josé@ejemplo.es"); a top-level domain of letters.
const emailPattern = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;

/** E-mail addresses; the value is the address in lower case. */
export function findEmails(text: string): BuiltinMatch[] {
  return [...text.matchAll(emailPattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0].toLowerCase() }));
}

interface SequenceResult {
  start: number;
  end: number;
  text: string;
  resolution?: { value?: string; score?: string };
}

/** Below this Recognizers-Text score a digit run is more likely a number than a phone ("555-0100" scores 0.55). */
const minPhoneScore = 0.5;

/**
 * Phone numbers in the usual national and international layouts ("+34 612 345 678", "(212) 555-1234", "612 34 56
 * 78"), found by Microsoft Recognizers-Text; the value is the digits, with "+" first when the number has one.
 */
export function findPhones(text: string): BuiltinMatch[] {
  return bySegments(text, (segment) =>
    (recognizersText().recognizePhoneNumber(segment, 'en-us') as SequenceResult[]).flatMap((r) => {
      if (Number(r.resolution?.score ?? 1) < minPhoneScore) return [];
      const value = `${r.text.trimStart().startsWith('+') ? '+' : ''}${r.text.replace(/\D/g, '')}`;
      return [{ start: r.start, end: r.end + 1, value }];
    }),
  );
}

/** URLs with or without a scheme ("https://acme.example/x", "www.acme.com", "acme.es/ayuda"), as written. */
export function findUrls(text: string): BuiltinMatch[] {
  return bySegments(text, (segment) =>
    (recognizersText().recognizeURL(segment, 'en-us') as SequenceResult[]).map((r) => ({ start: r.start, end: r.end + 1, value: r.text })),
  );
}
