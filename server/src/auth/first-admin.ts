import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import type { OrgScope } from '../db/organisations.js';
import { countUsers, insertUser } from '../db/users.js';
import { hashPassword } from './passwords.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/** Any constant: serialises the first start of several gateways on one empty database. */
const FIRST_ADMIN_LOCK = 0x0ca11ad1;

/**
 * On a database with no users, creates the admin of the default organisation: ADMIN_EMAIL and
 * ADMIN_PASSWORD when given, else `admin@localhost` with a random password. Returns the
 * credentials only when this call created the account, and the password only when it was
 * generated — for the caller to print once; it is stored nowhere but as a hash.
 */
export async function ensureFirstAdmin(
  db: Db,
  scope: OrgScope,
  configured: { email?: string | undefined; password?: string | undefined },
): Promise<{ email: string; generatedPassword?: string } | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    if ((await countUsers(tx)) > 0) return undefined;
    const email = configured.email ?? DEFAULT_ADMIN_EMAIL;
    const generatedPassword = configured.password ? undefined : randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(configured.password ?? generatedPassword!);
    await insertUser(tx, { orgId: scope.orgId, email, name: 'Admin', role: 'admin', passwordHash });
    return { email, ...(generatedPassword && { generatedPassword }) };
  });
}
