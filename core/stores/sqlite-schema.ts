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
];

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
