import pino, { type Logger } from 'pino';

/** A pino logger writing JSON lines to stderr (stdout is kept for what commands print for people and machines). */
export function createLogger(level: string, name = 'parley'): Logger {
  return pino({ name, level }, pino.destination({ dest: 2, sync: true }));
}
