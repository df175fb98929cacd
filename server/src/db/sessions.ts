import type { Role } from '@call-assist/shared';
import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { organisations, sessions, users } from './schema.js';

/** Who a session's user is: what every request needs to scope its queries. */
export interface SessionIdentity {
  userId: string;
  orgId: string;
  organisationName: string;
  email: string;
  name: string;
  role: Role;
}

/** The user behind a valid session, and when the session expires. */
export interface SessionUser {
  identity: SessionIdentity;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

export async function insertSession(db: Db, row: { tokenHash: string; userId: string; orgId: string; expiresAt: Date; absoluteExpiresAt: Date }): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The session's user, unless the session expired or the user was disabled. */
export async function findSessionUser(db: Db, tokenHash: string, now = new Date()): Promise<SessionUser | undefined> {
  const [row] = await db
    .select({
      identity: { userId: users.id, orgId: users.orgId, organisationName: organisations.name, email: users.email, name: users.name, role: users.role },
      expiresAt: sessions.expiresAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now), isNull(users.disabledAt)));
  return row;
}

export async function extendSession(db: Db, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends a user's sessions (password changed, account disabled), except the one given. */
export async function deleteUserSessions(db: Db, userId: string, exceptTokenHash?: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ...(exceptTokenHash ? [ne(sessions.tokenHash, exceptTokenHash)] : [])));
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(sql`${lt(sessions.expiresAt, now)} or ${lt(sessions.absoluteExpiresAt, now)}`)
    .returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}
