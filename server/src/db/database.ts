import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from '../lib/logger.js';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; queries that may run inside one take `Executor`. */
export type DbTransaction = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | DbTransaction;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Connects, applies the drizzle-kit migrations in `drizzle/`, and returns the query handle. */
export async function openDatabase(url: string, logger: Logger): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its server (restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger.warn({ err: error.message }, 'idle database connection lost'));
  const db = drizzle(pool, { schema });
  try {
    await migrateExclusively(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db, pool, close: () => pool.end() };
}

/** Any fixed number: every process of a deployment takes the same lock. */
const MIGRATION_LOCK_ID = 727_465_301;

/**
 * Migrates under a PostgreSQL advisory lock: gateways and workers starting together on a fresh
 * database (docker compose up) would otherwise run the same migrations at once and all but one fail.
 */
async function migrateExclusively(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    client.release();
  }
}
