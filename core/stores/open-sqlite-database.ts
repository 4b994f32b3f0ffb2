import type Database from 'better-sqlite3';
import { type OpenSqliteFileOptions, openSqliteFile } from './open-sqlite-file.ts';
import { migrateSqliteSchema } from './sqlite-schema.ts';

/** Connection settings of {@link openSqliteDatabase}; see `SqliteStoreOptions` for their meaning. */
export type OpenSqliteDatabaseOptions = OpenSqliteFileOptions;

/**
 * Opens (creating it and its parent directories when missing) the conversation database with
 * {@link openSqliteFile} and migrates its schema to the current version. Closes it again if any step fails.
 */
export function openSqliteDatabase(options: OpenSqliteDatabaseOptions): Database.Database {
  const db = openSqliteFile(options);
  try {
    migrateSqliteSchema(db, options.file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
