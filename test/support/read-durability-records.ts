import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A return in the Acme ledger with the idempotency key it was opened under. */
export interface KeyedReturnRow {
  return_id: string;
  order_id: string;
  reason: string;
  idempotency_key: string | null;
}

/** One entry of the effects journal (`effects` in conversations.db). */
export interface EffectRow {
  key: string;
  conversation_id: string;
  turn_id: string;
  command: string;
  status: 'started' | 'finished';
  result: string | null;
}

/** One row of the durable inbox (`turns` in conversations.db). */
export interface InboxRow {
  conversation_id: string;
  turn_id: string;
  status: 'accepted' | 'done';
}

function readRows<T>(file: string, sql: string): T[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], T>(sql).all();
  } finally {
    db.close();
  }
}

/** The Acme returns in `dataDir`, oldest first, with their idempotency keys; none without a ledger. */
export function readReturnsWithKeys(dataDir: string): KeyedReturnRow[] {
  return readRows(
    join(dataDir, 'acme-returns.db'),
    'SELECT return_id, order_id, reason, idempotency_key FROM returns ORDER BY seq',
  );
}

/** The effects journal of the conversation store in `dataDir`. */
export function readEffects(dataDir: string): EffectRow[] {
  return readRows(
    join(dataDir, 'conversations.db'),
    'SELECT key, conversation_id, turn_id, command, status, result FROM effects ORDER BY started_at, key',
  );
}

/** The inbox rows (accepted or done turns) of the conversation store in `dataDir`. */
export function readInbox(dataDir: string): InboxRow[] {
  return readRows(
    join(dataDir, 'conversations.db'),
    'SELECT conversation_id, turn_id, status FROM turns ORDER BY accepted_at',
  );
}

/**
 * Returns in the ledger whose idempotency key has no entry in the effects journal: a side effect that ran
 * without being journaled first. Should always be empty.
 */
export function unjournaledReturns(dataDir: string): KeyedReturnRow[] {
  const journaled = new Set(readEffects(dataDir).map((e) => e.key));
  return readReturnsWithKeys(dataDir).filter((r) => !r.idempotency_key || !journaled.has(r.idempotency_key));
}
