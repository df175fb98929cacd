import type { InvitationSummary, Role, UserSummary } from '@call-assist/shared';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from './database.js';
import type { OrgScope } from './organisations.js';
import { invitations, organisations, users } from './schema.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = Omit<typeof users.$inferInsert, 'id' | 'createdAt'>;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function findUser(db: Executor, scope: OrgScope, userId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.orgId, scope.orgId), eq(users.id, userId)));
  return row;
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(users);
  return row?.count ?? 0;
}

/** Inserts the user; `undefined` when the email is already taken (by anyone, in any organisation). */
export async function insertUser(db: Executor, user: NewUser): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(user).onConflictDoNothing({ target: users.email }).returning();
  return row;
}

export async function createOrganisation(db: Executor, name: string): Promise<OrgScope & { name: string }> {
  const [row] = await db.insert(organisations).values({ name }).returning({ id: organisations.id, name: organisations.name });
  return { orgId: row!.id, name: row!.name };
}

export async function organisationName(db: Executor, scope: OrgScope): Promise<string> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, scope.orgId));
  return row?.name ?? '';
}

/**
 * Counts a failed login; once `maxFailures` are reached the account locks for a minute, doubling
 * with each further failure up to 15 minutes. One statement, so concurrent attempts all count.
 */
export async function recordLoginFailure(db: Db, userId: string, maxFailures: number): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures}
        then now() + least(interval '15 minutes', interval '1 minute' * power(2, ${users.failedLogins} + 1 - ${maxFailures}))
        else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
  return row ?? { failedLogins: 0, lockedUntil: null };
}

export async function recordLoginSuccess(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, userId));
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export async function listUsers(db: Db, scope: OrgScope): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.orgId, scope.orgId)).orderBy(asc(users.createdAt));
}

/**
 * Runs `change` on the user inside a transaction that holds the organisation's admins locked, and
 * refuses (`last_admin`) when the change would leave the organisation with no active admin.
 */
export async function changeUserGuardingAdmins<T>(
  db: Db,
  scope: OrgScope,
  userId: string,
  stillAdminAfter: (user: UserRow) => boolean,
  change: (tx: Executor, user: UserRow) => Promise<T>,
): Promise<T | 'not_found' | 'last_admin'> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, scope.orgId), eq(users.role, 'admin'), isNull(users.disabledAt)))
      .for('update');
    const user = await findUser(tx, scope, userId);
    if (!user) return 'not_found';
    const isActiveAdmin = admins.some((admin) => admin.id === userId);
    if (isActiveAdmin && admins.length === 1 && !stillAdminAfter(user)) return 'last_admin';
    return change(tx, user);
  });
}

export async function updateUser(db: Executor, scope: OrgScope, userId: string, fields: { name?: string; role?: Role; disabledAt?: Date | null }): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set(fields)
    .where(and(eq(users.orgId, scope.orgId), eq(users.id, userId)))
    .returning();
  return row;
}

export async function deleteUser(db: Executor, scope: OrgScope, userId: string): Promise<boolean> {
  const deleted = await db.delete(users).where(and(eq(users.orgId, scope.orgId), eq(users.id, userId))).returning({ id: users.id });
  return deleted.length > 0;
}

export type InvitationRow = typeof invitations.$inferSelect;

export function toInvitationSummary(row: InvitationRow): InvitationSummary {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
}

export async function insertInvitation(db: Db, row: Omit<typeof invitations.$inferInsert, 'id' | 'createdAt' | 'acceptedAt'>): Promise<InvitationRow> {
  const [created] = await db.insert(invitations).values(row).returning();
  return created!;
}

/** Open invitations of the organisation: neither accepted nor expired. */
export async function listOpenInvitations(db: Db, scope: OrgScope, now = new Date()): Promise<InvitationRow[]> {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, scope.orgId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt));
}

/** The open invitation with this token hash, and its organisation's name. */
export async function findOpenInvitation(db: Executor, tokenHash: string, now = new Date()): Promise<(InvitationRow & { organisationName: string }) | undefined> {
  const [row] = await db
    .select({ invitation: invitations, organisationName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
  return row && { ...row.invitation, organisationName: row.organisationName };
}

/** Marks the invitation used; false when another registration got there first. */
export async function acceptInvitation(db: Executor, invitationId: string): Promise<boolean> {
  const updated = await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return updated.length > 0;
}

export async function deleteInvitation(db: Db, scope: OrgScope, invitationId: string): Promise<boolean> {
  const deleted = await db
    .delete(invitations)
    .where(and(eq(invitations.orgId, scope.orgId), eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return deleted.length > 0;
}

/** Other open invitations for the same email in the organisation (a re-invite replaces them). */
export async function deleteOpenInvitationsFor(db: Db, scope: OrgScope, email: string): Promise<void> {
  await db.delete(invitations).where(and(eq(invitations.orgId, scope.orgId), eq(invitations.email, email), isNull(invitations.acceptedAt)));
}
