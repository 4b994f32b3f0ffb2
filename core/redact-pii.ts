/** What {@link redactPii} puts in place of each kind of personal data. */
export const piiMasks = { email: '[email]', card: '[card]', phone: '[phone]' } as const;

const emailPattern = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[a-z]{2,}/gi;
// Digit runs with single spaces or dashes between groups, not glued to letters or digits (hashes, ids).
const cardPattern = /(?<![\w+])\d(?:[ -]?\d){12,18}(?![\w])/g;
// An optional "+", then digits with spaces, dots, dashes or parentheses between them.
const phonePattern = /(?<![\w+])(?:\+|\(\d)?[\d(][\d\s().-]{5,}\d(?![\w])/g;
const datePattern = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/;

/** True when `digits` (digits only) passes the Luhn checksum that payment card numbers carry. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function maskCard(match: string): string {
  const digits = match.replace(/\D/g, '');
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) ? piiMasks.card : match;
}

function maskPhone(match: string): string {
  const digits = match.replace(/\D/g, '');
  // E.164 numbers have at most 15 digits; fewer than 8 are order numbers, times or amounts, not phone numbers.
  if (digits.length < 8 || digits.length > 15 || datePattern.test(match.trim())) return match;
  return piiMasks.phone;
}

/**
 * Masks e-mail addresses, payment card numbers (13–19 digits that pass the Luhn check, with or without spaces or
 * dashes) and phone numbers (8–15 digits, optionally with "+", spaces, dots, dashes, parentheses) in `text`.
 * Short numbers such as 5-digit order numbers, dates and digits inside ids or hashes are left alone. Pure; used for
 * logs and, with the bot's `redactPii` option, for stored transcripts.
 *
 * @example
 * redactPii('mail maria@example.com or call +1 (555) 010-2345') // 'mail [email] or call [phone]'
 */
export function redactPii(text: string): string {
  return text.replace(emailPattern, piiMasks.email).replace(cardPattern, maskCard).replace(phonePattern, maskPhone);
}

/**
 * {@link redactPii} applied to every string inside a JSON-like value (objects and arrays are copied, other values
 * kept). Errors become `{ type, message, stack }` with their texts masked. Cycles are cut at 8 levels.
 */
export function redactPiiDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPii(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactPii(value.message), ...(value.stack ? { stack: redactPii(value.stack) } : {}) };
  }
  if (Array.isArray(value)) return value.map((v) => redactPiiDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactPiiDeep(v, depth + 1)]));
}
