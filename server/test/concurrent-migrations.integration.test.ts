import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
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
