import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A return as the Acme ledger stores it. */
export interface AcmeReturnRow {
  return_id: string;
  order_id: string;
  reason: string;
  created_at: string;
}

/** The returns the Acme demo opened in `dataDir` (its SQLite ledger), oldest first; none when it has no ledger yet. */
export function readAcmeReturns(dataDir: string): AcmeReturnRow[] {
  const file = join(dataDir, 'acme-returns.db');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], AcmeReturnRow>('SELECT return_id, order_id, reason, created_at FROM returns ORDER BY seq').all();
  } finally {
    db.close();
  }
}
