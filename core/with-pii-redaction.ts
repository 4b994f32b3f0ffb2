import type { Logger } from 'pino';
import { redactPiiDeep } from './redact-pii.ts';

/**
 * A child of `logger` that masks e-mails, phone and card numbers in everything it and its own children log as
 * fields (errors included), for a logger the bot was given rather than created (`BotOptions.logger` with
 * `redactPii: true`). Message strings pass unchanged: keep personal data out of messages and in fields.
 */
export function withPiiRedaction(logger: Logger): Logger {
  return logger.child({}, { formatters: { log: (object: object) => redactPiiDeep(object) as object } });
}
