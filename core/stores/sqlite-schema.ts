import type { Database } from 'better-sqlite3';
import { ConfigError } from '../contracts/errors/config-error.ts';

/**
 * One schema migration: brings a database from version `index` to `index + 1`. Steps run inside an
 * immediate transaction, so a failing step leaves the database at the previous version.
 */
export type SqliteMigrationStep = (db: Database) => void;

/**
 * Migration steps of the conversation store's schema, in order; `PRAGMA user_version` records how many
 * have run. Append a step to change the schema; never edit a step that has shipped.
 */
export const sqliteMigrationSteps: readonly SqliteMigrationStep[] = [
  (db) => {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      )
    `);
  },
  (db) => {
    db.exec(`
      CREATE TABLE turns (
        conversation_id TEXT NOT NULL,
        turn_id TEXT NOT NULL,
        status TEXT NOT NULL,
        turn TEXT NOT NULL,
        result TEXT,
        accepted_at INTEGER NOT NULL,
        finished_at INTEGER,
        PRIMARY KEY (conversation_id, turn_id)
      ) WITHOUT ROWID;
      CREATE INDEX turns_pending ON turns (accepted_at) WHERE status = 'accepted';
      CREATE TABLE effects (
        key TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        turn_id TEXT NOT NULL,
        command TEXT NOT NULL,
        args TEXT NOT NULL,
        status TEXT NOT NULL,
        result TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX effects_conversation ON effects (conversation_id);
      CREATE TABLE transcript (
        conversation_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        turn_id TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE leases (
        conversation_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        token INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
    `);
    moveInlineHistory(db);
  },
];

/**
 * Schema 1 kept each conversation's transcript (last 200 lines) and processed turn ids (last 50) inside its
 * state JSON; they move to the transcript and turns tables so that nothing stored is lost.
 */
function moveInlineHistory(db: Database): void {
  const rows = db.prepare<[], { id: string; state: string; updated_at: number }>('SELECT id, state, updated_at FROM conversations').all();
  const line = db.prepare('INSERT INTO transcript (conversation_id, seq, role, text, at, turn_id) VALUES (?, ?, ?, ?, ?, ?)');
  const rewrite = db.prepare('UPDATE conversations SET state = ? WHERE id = ?');
  const turn = db.prepare(
    "INSERT OR IGNORE INTO turns (conversation_id, turn_id, status, turn, result, accepted_at, finished_at) VALUES (?, ?, 'done', ?, ?, ?, ?)",
  );
  for (const row of rows) {
    const state = JSON.parse(row.state) as { history?: unknown; processed?: unknown };
    const history = Array.isArray(state.history) ? (state.history as Array<Record<string, unknown>>) : [];
    history.forEach((h, i) => {
      line.run(row.id, i + 1, String(h.role), String(h.text), Number(h.at) || row.updated_at, String(h.turnId ?? ''));
    });
    const processed = Array.isArray(state.processed) ? (state.processed as Array<{ id?: unknown; events?: unknown }>) : [];
    for (const p of processed) {
      if (typeof p.id !== 'string') continue;
      const result = { turnId: p.id, conversationId: row.id, status: 'completed', events: Array.isArray(p.events) ? p.events : [] };
      turn.run(row.id, p.id, JSON.stringify({ id: p.id, conversationId: row.id }), JSON.stringify(result), row.updated_at, row.updated_at);
    }
    const { history: _history, processed: _processed, ...rest } = state as Record<string, unknown>;
    rewrite.run(JSON.stringify({ ...rest, schema: 2 }), row.id);
  }
}

/** The schema version a database has once {@link migrateSqliteSchema} ran. */
export const sqliteSchemaVersion = sqliteMigrationSteps.length;

/**
 * Runs the migration steps `db` has not had yet and returns the resulting schema version. Safe when several
 * processes open the same new file at once: the version is re-read under the write lock.
 * Throws `ConfigError` (key `file`) for a database written by a newer schema than this code knows.
 */
export function migrateSqliteSchema(db: Database, file: string): number {
  const migrate = db.transaction(() => {
    const from = readUserVersion(db);
    if (from > sqliteSchemaVersion) {
      throw new ConfigError('file', `a conversation database of schema version <= ${sqliteSchemaVersion}`, {
        file,
        schemaVersion: from,
      });
    }
    for (let version = from; version < sqliteSchemaVersion; version += 1) {
      sqliteMigrationSteps[version]!(db);
    }
    // user_version cannot be bound as a parameter; the value is an integer we computed.
    if (from !== sqliteSchemaVersion) db.pragma(`user_version = ${sqliteSchemaVersion}`);
    return sqliteSchemaVersion;
  });
  return migrate.immediate();
}

function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
