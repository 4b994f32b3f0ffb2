import pino, { type DestinationStream, type Logger } from 'pino';
import { redactPii, redactPiiDeep } from './redact-pii.ts';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Mask e-mails, phone and card numbers in every field and message (see `redactPii`). Default false. */
  redactPii?: boolean;
  /** Where the JSON lines go. Default: stderr, written synchronously. */
  destination?: DestinationStream;
}

/**
 * A pino logger writing JSON lines to stderr (stdout is kept for what commands print for people and machines).
 * With `redactPii`, personal data is masked in the logged objects (errors included), in message strings and in the
 * root bindings; pino does not format the bindings of `child()` loggers, so bind ids there, never personal data.
 */
export function createLogger(level: string, name = 'parley', options: CreateLoggerOptions = {}): Logger {
  const destination = options.destination ?? pino.destination({ dest: 2, sync: true });
  if (!options.redactPii) return pino({ name, level }, destination);
  return pino(
    {
      name,
      level,
      formatters: {
        log: (object) => redactPiiDeep(object) as Record<string, unknown>,
        bindings: (bindings) => redactPiiDeep(bindings) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactPii(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
