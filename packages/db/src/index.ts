export { type CreateDbOptions, createDb, redactUrl } from './client/create-db.ts';
export type { Db, DbDriver, Orm, QueryOptions, Row } from './client/types.ts';
export * from './import/index.ts';
export { type MigrateOptions, type MigrateResult, migrate } from './migrate/migrate.ts';
export { type MigrationFile, migrationsDir, readMigrationFiles } from './migrate/migration-files.ts';
export * from './repos/customers/index.ts';
export * from './repos/events/index.ts';
export * from './repos/imports/index.ts';
export * as schema from './schema/index.ts';
