/** Failed attempts counted under one key (a conversation and an order, say). */
export interface AttemptRecord {
  /** Failures in the current window. */
  failures: number;
  /** When the window's first failure happened, in milliseconds since the epoch. */
  windowStart: number;
  /** Until when the key is locked, in milliseconds since the epoch; 0 when it is not. */
  lockedUntil: number;
}

/**
 * Where an {@link AttemptLimiter} keeps its counts. Keep them where they survive a restart (a file, the bot's
 * database): a limit that resets with the process is one a patient attacker waits out.
 */
export interface AttemptStore {
  get(key: string): Promise<AttemptRecord | undefined>;
  /** Stores `record` under `key`; `undefined` deletes it. */
  set(key: string, record: AttemptRecord | undefined): Promise<void>;
}
