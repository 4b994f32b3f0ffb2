import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../../core/contracts/errors/store-unavailable-error.ts';
import { openSqliteFile } from '../../core/stores/open-sqlite-file.ts';
import { z } from 'zod';

/** A return the demo has opened. */
export interface ReturnRecord {
  /** `R-1001`, `R-1002`, …: `R-` followed by 1000 plus the row's sequence number. */
  return_id: string;
  order_id: string;
  reason: string;
  /** ISO date-time. */
  created_at: string;
}

/**
 * Where the demo keeps the returns it opens. Opening a return is a side effect the bot must perform exactly
 * once per command call, even when the process dies between doing it and recording the result: every `add`
 * carries the call's idempotency key, so a repeated call returns the first record instead of opening a
 * second return, and {@link ReturnsLedger.findByKey} lets a command's `recover` hook find work already done.
 */
export interface ReturnsLedger {
  /**
   * Opens a return for `orderId` and returns its record. With an `idempotencyKey` that was used before, nothing
   * is inserted and the record stored under that key is returned (whatever `orderId` and `reason` say now).
   * Rejects with a `TypeError` for an empty key.
   */
  add(orderId: string, reason: string, idempotencyKey: string): Promise<ReturnRecord>;
  /** The return opened under `idempotencyKey`, or `undefined` when none was. */
  findByKey(idempotencyKey: string): Promise<ReturnRecord | undefined>;
  /** All returns, oldest (lowest id) first. */
  list(): Promise<ReturnRecord[]>;
  /** Closes the database connection; later calls reject. Closing again does nothing. */
  close(): Promise<void>;
}

/** Options of {@link createReturnsLedger}. */
export interface ReturnsLedgerOptions {
  /**
   * A JSON-lines ledger written by earlier versions of the demo (one {@link ReturnRecord} per line). When the
   * database is created and this file exists, its records are imported with their return ids, so nothing
   * stored there is lost; the file itself is left alone and not read again once the database exists.
   */
  importJsonl?: string;
  /** Clock for `created_at`; defaults to the system clock. */
  now?: () => Date;
  /** How long a write waits for another connection's lock before failing, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating it and its parent directories when missing) a returns ledger in the SQLite file `file`
 * (WAL journal, busy timeout), importing `options.importJsonl` when the database is new.
 *
 * Each `add` is one immediate transaction: it looks the idempotency key up, inserts the row and derives the
 * return id from the row's AUTOINCREMENT sequence number under the database's write lock, so ids stay unique
 * and keys are honoured across connections and processes writing the same file, and no call reads all rows.
 * Throws when the file cannot be opened, was written by a newer schema, or the JSON-lines file has a line
 * that is not a return record (nothing is imported then; fix or remove the line and start again).
 */
export function createReturnsLedger(file: string, options: ReturnsLedgerOptions = {}): ReturnsLedger {
  const now = options.now ?? (() => new Date());
  const db = openLedgerDatabase(file, options.busyTimeoutMs ?? 5000, options.importJsonl);

  const byKey = db.prepare<[string], ReturnRecord>(
    'SELECT return_id, order_id, reason, created_at FROM returns WHERE idempotency_key = ?',
  );
  const all = db.prepare<[], ReturnRecord>(
    'SELECT return_id, order_id, reason, created_at FROM returns ORDER BY seq',
  );
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT INTO returns (order_id, reason, created_at, idempotency_key) VALUES (?, ?, ?, ?)',
  );
  const setReturnId = db.prepare<[string, number | bigint]>('UPDATE returns SET return_id = ? WHERE seq = ?');

  const addOnce = db.transaction(
    (orderId: string, reason: string, createdAt: string, idempotencyKey: string): ReturnRecord => {
      const existing = byKey.get(idempotencyKey);
      if (existing) return { ...existing };
      const { lastInsertRowid: seq } = insert.run(orderId, reason, createdAt, idempotencyKey);
      const returnId = returnIdOf(Number(seq));
      setReturnId.run(returnId, seq);
      return { return_id: returnId, order_id: orderId, reason, created_at: createdAt };
    },
  );

  return {
    async add(orderId, reason, idempotencyKey) {
      if (typeof idempotencyKey !== 'string' || !idempotencyKey) {
        throw new TypeError('a return needs a non-empty idempotency key');
      }
      // .immediate(): take the write lock before the key lookup, so two connections adding under the same
      // key cannot both miss it and insert twice.
      try {
        return addOnce.immediate(orderId, reason, now().toISOString(), idempotencyKey);
      } catch (error) {
        // Disk full, read-only or I/O errors are the ledger being unavailable, not the return failing: the turn is
        // answered as retryable and its retry finds (recover) or adds the return.
        if (typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('SQLITE_')) {
          throw new StoreUnavailableError('acme-returns', 'add a return', error);
        }
        throw error;
      }
    },
    async findByKey(idempotencyKey) {
      const found = byKey.get(idempotencyKey);
      return found ? { ...found } : undefined;
    },
    async list() {
      return all.all().map((row) => ({ ...row }));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** Schema version recorded in `PRAGMA user_version` once the table exists (and any import has run). */
const ledgerSchemaVersion = 1;

/** Sequence numbers start at 1, ids at R-1001. */
const returnIdOffset = 1000;

function returnIdOf(seq: number): string {
  return `R-${returnIdOffset + seq}`;
}

/** The sequence number a generated id stands for, or `undefined` for an id not of the form `R-<n>`, n > 1000. */
function seqOf(returnId: string): number | undefined {
  const match = /^R-([1-9]\d{0,14})$/.exec(returnId);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n > returnIdOffset ? n - returnIdOffset : undefined;
}

function openLedgerDatabase(
  file: string,
  busyTimeoutMs: number,
  importJsonl: string | undefined,
): Database.Database {
  const db = openSqliteFile({ file, busyTimeoutMs, synchronous: 'normal' });
  try {
    // Immediate, and the version re-read under the write lock: of several processes opening a new file at
    // once, exactly one creates the table and imports the old ledger.
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > ledgerSchemaVersion) {
        throw new Error(
          `${file}: returns ledger of schema version ${version}; this code knows ${ledgerSchemaVersion}`,
        );
      }
      if (version === ledgerSchemaVersion) return;
      db.exec(`
        CREATE TABLE returns (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          return_id TEXT UNIQUE,
          order_id TEXT NOT NULL,
          reason TEXT NOT NULL,
          created_at TEXT NOT NULL,
          idempotency_key TEXT UNIQUE
        )
      `);
      if (importJsonl !== undefined) importJsonlLedger(db, importJsonl);
      db.pragma(`user_version = ${ledgerSchemaVersion}`);
    }).immediate();
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

const jsonlRecordSchema = z.object({
  return_id: z.string().min(1),
  order_id: z.string(),
  reason: z.string(),
  created_at: z.string(),
});

/**
 * Copies the records of an old JSON-lines ledger into the (new, empty) `returns` table. A record whose id is
 * `R-<n>` keeps its id and gets sequence number n - 1000, so new ids continue after the highest one; any
 * other id is kept with the next free sequence number. The old ledger could give two records the same id
 * when two processes appended at once: the first keeps it, a later one gets a new id rather than being lost.
 */
function importJsonlLedger(db: Database.Database, jsonlFile: string): void {
  let text: string;
  try {
    text = readFileSync(jsonlFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const records: ReturnRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const result = jsonlRecordSchema.safeParse(parsed);
    if (!result.success)
      throw new Error(`${jsonlFile}:${index + 1}: not a return record; nothing was imported`);
    records.push(result.data);
  });

  const withSeq = db.prepare<[number, string, string, string, string]>(
    'INSERT INTO returns (seq, return_id, order_id, reason, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const withoutSeq = db.prepare<[string | null, string, string, string]>(
    'INSERT INTO returns (return_id, order_id, reason, created_at) VALUES (?, ?, ?, ?)',
  );
  const setReturnId = db.prepare<[string, number | bigint]>('UPDATE returns SET return_id = ? WHERE seq = ?');
  const taken = new Set<string>();
  const later: ReturnRecord[] = [];
  // Generated ids first, at their own sequence numbers; then the others after the highest of them.
  for (const record of records) {
    const seq = seqOf(record.return_id);
    if (seq === undefined || taken.has(record.return_id)) {
      later.push(record);
      continue;
    }
    taken.add(record.return_id);
    withSeq.run(seq, record.return_id, record.order_id, record.reason, record.created_at);
  }
  for (const record of later) {
    const keep = !taken.has(record.return_id);
    const { lastInsertRowid } = withoutSeq.run(
      keep ? record.return_id : null,
      record.order_id,
      record.reason,
      record.created_at,
    );
    if (keep) taken.add(record.return_id);
    else setReturnId.run(returnIdOf(Number(lastInsertRowid)), lastInsertRowid);
  }
}
