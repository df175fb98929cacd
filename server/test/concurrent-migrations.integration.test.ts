import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { ensureDefaultOrganisation } from '../src/db/organisations.js';
import { createLogger } from '../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from './helpers/services.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

// `docker compose up` starts every gateway and worker at once on an empty database: each applies
// the migrations at start-up, and without a lock all but one failed (duplicate drizzle tables).
it('lets several processes start on a fresh database at the same time', async () => {
  const logger = createLogger('silent');
  const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openDatabase(database.url, logger)));
  for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
  expect(opened.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
});

// The same start-up race one step later: every gateway used to create its own "default"
// organisation, so an upload through one gateway was not found through the other.
it('gives gateways starting together one and the same default organisation', async () => {
  const logger = createLogger('silent');
  const databases = await Promise.all(Array.from({ length: 4 }, () => openDatabase(database.url, logger)));
  try {
    const scopes = await Promise.all(databases.map((opened) => ensureDefaultOrganisation(opened.db)));
    expect(new Set(scopes.map((scope) => scope.orgId)).size).toBe(1);
  } finally {
    for (const opened of databases) await opened.close();
  }
});
