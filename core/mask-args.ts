import { redactPii, redactPiiDeep } from './redact-pii.ts';

// Argument names whose whole value is personal or secret, whatever it looks like.
const sensitiveName = /e-?mail|phone|card|password|passcode|secret|token|pin$|iban|ssn/i;

/**
 * A command's arguments as the audit log shows them: values of sensitive names (`email`, `phone`, `card_number`,
 * `password`, `token`…) replaced by `[redacted]`, e-mails, phone and card numbers masked in every other string
 * (see {@link redactPii}). Pure.
 *
 * @example
 * maskArgs({ order_id: '12345', email: 'maria@example.com' }) // { order_id: '12345', email: '[redacted]' }
 */
export function maskArgs(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).map(([name, value]) => [
      name,
      sensitiveName.test(name) && value !== undefined && value !== null ? '[redacted]' : typeof value === 'string' ? redactPii(value) : redactPiiDeep(value),
    ]),
  );
}
