import { createHash, randomBytes } from 'node:crypto';
import type {
  AuthSession,
  InvitationCreated,
  invitationInputSchema,
  InvitationInfo,
  loginInputSchema,
  passwordChangeSchema,
  registerInputSchema,
  UserList,
  UserSummary,
  userUpdateSchema,
} from '@call-assist/shared';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { deleteExpiredSessions, deleteSession, deleteUserSessions, extendSession, findSessionUser, insertSession, type SessionIdentity } from '../db/sessions.js';
import {
  acceptInvitation,
  changeUserGuardingAdmins,
  createOrganisation,
  deleteInvitation,
  deleteOpenInvitationsFor,
  deleteUser,
  findOpenInvitation,
  findUserByEmail,
  insertInvitation,
  insertUser,
  listOpenInvitations,
  listUsers,
  organisationName,
  recordLoginFailure,
  recordLoginSuccess,
  setPasswordHash,
  toInvitationSummary,
  toUserSummary,
  updateUser,
  type UserRow,
} from '../db/users.js';
import { AppError, describeError, RateLimitedError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import { orgScopeOf, type Caller } from './caller.js';
import { hashPassword, spendVerifyTime, verifyPassword } from './passwords.js';
import { RateLimiter } from './rate-limiter.js';

export interface AccountsOptions {
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Failed logins of one account before it locks. */
  maxLoginFailures: number;
  /** Whether anyone may create a new organisation by registering. */
  allowRegistration: boolean;
  /** Login attempts per client address per minute (also the burst). */
  loginAttemptsPerMin: number;
  /** Called when a user loses access (disabled, deleted): their open sockets must close too. */
  onAccessRevoked?: (userId: string) => Promise<void>;
}

/** A session just opened: the cookie's token and what the client is told. */
export interface OpenedSession {
  token: string;
  maxAgeS: number;
  session: AuthSession;
}

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const SESSION_SWEEP_MS = 3600_000;
/** A session's expiry moves forward at most this often (one write per minute, not per request). */
const EXTEND_EVERY_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');
/** Derived from the session token, which scripts on the page cannot read: a cross-site page cannot know it. */
const csrfTokenOf = (sessionToken: string) => sha256(`csrf:${sessionToken}`);

const invalidCredentials = () => new AppError('invalid_credentials', 'wrong email or password', 401);
const invalidInvitation = () => new AppError('invalid_invitation', 'this invitation is unknown, already used or expired; ask your admin for a new one');

/**
 * Accounts and sessions: registration, login with brute-force protection, the session behind a
 * cookie, and an admin's management of the organisation's users.
 */
export class Accounts {
  /** Per client address, whatever the accounts tried: guessing many accounts' passwords is slowed too. */
  private readonly loginAttempts: RateLimiter;
  private readonly sessionSweeper: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly options: AccountsOptions,
    private readonly logger: Logger,
  ) {
    this.loginAttempts = new RateLimiter(options.loginAttemptsPerMin, options.loginAttemptsPerMin / 60);
    // Expired sessions are already refused; this only keeps the table small.
    this.sessionSweeper = setInterval(() => {
      deleteExpiredSessions(db).catch((error: unknown) => logger.warn({ err: describeError(error) }, 'could not delete expired sessions'));
    }, SESSION_SWEEP_MS);
    this.sessionSweeper.unref();
  }

  get registrationOpen(): boolean {
    return this.options.allowRegistration;
  }

  stop(): void {
    this.loginAttempts.stop();
    clearInterval(this.sessionSweeper);
  }

  async login(input: z.output<typeof loginInputSchema>, clientAddress: string): Promise<OpenedSession> {
    const allowed = this.loginAttempts.take(clientAddress);
    if (!allowed.ok) {
      metrics.loginFailures.inc({ reason: 'address_throttled' });
      this.logger.warn({ clientAddress }, 'login attempts from one address throttled');
      throw new RateLimitedError('too_many_attempts', `too many login attempts; try again in ${allowed.retryAfterS} s`, allowed.retryAfterS);
    }
    const user = await findUserByEmail(this.db, input.email);
    if (!user) {
      await spendVerifyTime(input.password);
      metrics.loginFailures.inc({ reason: 'unknown_email' });
      this.logger.warn({ clientAddress, pii: { email: input.email } }, 'login failed: no such account');
      throw invalidCredentials();
    }
    // A locked account is refused even with the right password: otherwise the lock stops nothing.
    const lockedForS = secondsUntil(user.lockedUntil);
    if (lockedForS > 0) {
      metrics.loginFailures.inc({ reason: 'locked' });
      this.logger.warn({ clientAddress, userId: user.id }, 'login refused: account locked');
      throw lockedError(lockedForS);
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const failure = await recordLoginFailure(this.db, user.id, this.options.maxLoginFailures);
      metrics.loginFailures.inc({ reason: 'wrong_password' });
      this.logger.warn({ clientAddress, userId: user.id, failedLogins: failure.failedLogins, locked: failure.lockedUntil !== null }, 'login failed: wrong password');
      const nowLockedForS = secondsUntil(failure.lockedUntil);
      if (nowLockedForS > 0) throw lockedError(nowLockedForS);
      throw invalidCredentials();
    }
    if (user.disabledAt) throw new AppError('account_disabled', 'this account has been disabled; ask your admin', 403);
    await recordLoginSuccess(this.db, user.id);
    this.logger.info({ userId: user.id, orgId: user.orgId }, 'logged in');
    return this.openSession(user, await organisationName(this.db, user));
  }

  async register(input: z.output<typeof registerInputSchema>): Promise<OpenedSession> {
    if ('invitation' in input) return this.registerInvited(input);
    if (!this.options.allowRegistration) {
      throw new AppError('registration_closed', 'this server does not allow creating organisations; ask an admin for an invitation', 403);
    }
    const passwordHash = await hashPassword(input.password);
    const created = await this.db.transaction(async (tx) => {
      const organisation = await createOrganisation(tx, input.organisationName);
      const user = await insertUser(tx, { orgId: organisation.orgId, email: input.email, name: input.name, role: 'admin', passwordHash });
      // Rolls the organisation back too.
      if (!user) throw emailTaken();
      return { user, organisation };
    });
    this.logger.info({ userId: created.user.id, orgId: created.organisation.orgId }, 'organisation registered');
    // Registering logs in: the user list shows it as the last login.
    await recordLoginSuccess(this.db, created.user.id);
    return this.openSession(created.user, created.organisation.name);
  }

  async describeInvitation(token: string): Promise<InvitationInfo> {
    const invitation = await findOpenInvitation(this.db, sha256(token));
    if (!invitation) throw invalidInvitation();
    return { email: invitation.email, role: invitation.role, organisationName: invitation.organisationName, expiresAt: invitation.expiresAt.toISOString() };
  }

  /** The caller behind a session cookie's token, or undefined (no such session, expired, user disabled). */
  async authenticate(token: string): Promise<Caller | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const sessionId = sha256(token);
    const user = await findSessionUser(this.db, sessionId);
    if (!user) return undefined;
    const extended = new Date(Math.min(Date.now() + this.options.sessionIdleMs, user.absoluteExpiresAt.getTime()));
    if (extended.getTime() - user.expiresAt.getTime() > EXTEND_EVERY_MS) await extendSession(this.db, sessionId, extended);
    return { ...user.identity, sessionId, csrfToken: csrfTokenOf(token) };
  }

  async logout(token: string): Promise<void> {
    await deleteSession(this.db, sha256(token));
  }

  async changePassword(caller: Caller, input: z.output<typeof passwordChangeSchema>): Promise<void> {
    const user = await findUserByEmail(this.db, caller.email);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('invalid_credentials', 'the current password is wrong', 401);
    await setPasswordHash(this.db, user.id, await hashPassword(input.newPassword));
    // Whoever knew the old password is logged out everywhere but here.
    await deleteUserSessions(this.db, user.id, caller.sessionId);
    this.logger.info({ userId: user.id }, 'password changed');
  }

  async listUsers(caller: Caller): Promise<UserList> {
    const scope = orgScopeOf(caller);
    const [users, invitations] = await Promise.all([listUsers(this.db, scope), listOpenInvitations(this.db, scope)]);
    return { users: users.map(toUserSummary), invitations: invitations.map(toInvitationSummary) };
  }

  async invite(caller: Caller, input: z.output<typeof invitationInputSchema>): Promise<InvitationCreated> {
    const scope = orgScopeOf(caller);
    const existing = await findUserByEmail(this.db, input.email);
    if (existing) throw emailTaken();
    await deleteOpenInvitationsFor(this.db, scope, input.email);
    const token = newToken();
    const invitation = await insertInvitation(this.db, {
      orgId: scope.orgId,
      email: input.email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: caller.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    this.logger.info({ userId: caller.userId, invitationId: invitation.id, role: input.role }, 'user invited');
    return { invitation: toInvitationSummary(invitation), token };
  }

  async revokeInvitation(caller: Caller, invitationId: string): Promise<boolean> {
    return deleteInvitation(this.db, orgScopeOf(caller), invitationId);
  }

  async updateUser(caller: Caller, userId: string, update: z.output<typeof userUpdateSchema>): Promise<UserSummary> {
    const result = await changeUserGuardingAdmins(
      this.db,
      orgScopeOf(caller),
      userId,
      (user) => (update.role ?? user.role) === 'admin' && !(update.disabled ?? user.disabledAt !== null),
      (tx, user) =>
        updateUser(tx, orgScopeOf(caller), user.id, {
          ...(update.name !== undefined && { name: update.name }),
          ...(update.role !== undefined && { role: update.role }),
          ...(update.disabled !== undefined && { disabledAt: update.disabled ? (user.disabledAt ?? new Date()) : null }),
        }),
    );
    if (result === 'not_found' || result === undefined) throw userNotFound();
    if (result === 'last_admin') throw lastAdmin();
    // Disabling takes effect now, not when a session or a call token expires.
    if (update.disabled) await this.revokeAccess(userId);
    this.logger.info({ userId: caller.userId, targetUserId: userId, changed: Object.keys(update) }, 'user updated');
    return toUserSummary(result);
  }

  async deleteUser(caller: Caller, userId: string): Promise<void> {
    if (userId === caller.userId) throw new AppError('cannot_delete_self', 'you cannot delete your own account', 409);
    const result = await changeUserGuardingAdmins(this.db, orgScopeOf(caller), userId, () => false, (tx, user) => deleteUser(tx, orgScopeOf(caller), user.id));
    if (result === 'not_found' || result === false) throw userNotFound();
    if (result === 'last_admin') throw lastAdmin();
    // Sessions went with the user (cascade); their open sockets go now.
    await this.options.onAccessRevoked?.(userId);
    this.logger.info({ userId: caller.userId, targetUserId: userId }, 'user deleted');
  }

  private async revokeAccess(userId: string): Promise<void> {
    await deleteUserSessions(this.db, userId);
    await this.options.onAccessRevoked?.(userId);
  }

  private async registerInvited(input: { invitation: string; name: string; password: string }): Promise<OpenedSession> {
    const passwordHash = await hashPassword(input.password);
    const user = await this.db.transaction(async (tx) => {
      const invitation = await findOpenInvitation(tx, sha256(input.invitation));
      if (!invitation || !(await acceptInvitation(tx, invitation.id))) throw invalidInvitation();
      const created = await insertUser(tx, { orgId: invitation.orgId, email: invitation.email, name: input.name, role: invitation.role, passwordHash });
      if (!created) throw emailTaken();
      return created;
    });
    this.logger.info({ userId: user.id, orgId: user.orgId }, 'invited user registered');
    await recordLoginSuccess(this.db, user.id);
    return this.openSession(user, await organisationName(this.db, user));
  }

  private async openSession(user: UserRow, organisation: string): Promise<OpenedSession> {
    const token = newToken();
    const now = Date.now();
    const absoluteExpiresAt = new Date(now + this.options.sessionMaxMs);
    const expiresAt = new Date(Math.min(now + this.options.sessionIdleMs, absoluteExpiresAt.getTime()));
    await insertSession(this.db, { tokenHash: sha256(token), userId: user.id, orgId: user.orgId, expiresAt, absoluteExpiresAt });
    const identity: SessionIdentity = { userId: user.id, orgId: user.orgId, organisationName: organisation, email: user.email, name: user.name, role: user.role };
    return { token, maxAgeS: this.options.sessionMaxMs / 1000, session: authSessionOf(identity, csrfTokenOf(token)) };
  }
}

/** What login, register and `GET /api/auth/me` answer. */
export function authSessionOf(identity: SessionIdentity, csrfToken: string): AuthSession {
  return {
    user: { id: identity.userId, email: identity.email, name: identity.name, role: identity.role, organisation: { id: identity.orgId, name: identity.organisationName } },
    csrfToken,
  };
}


const secondsUntil = (date: Date | null) => (date ? Math.ceil((date.getTime() - Date.now()) / 1000) : 0);
const lockedError = (seconds: number) =>
  new RateLimitedError('too_many_attempts', `too many failed logins: this account is locked for ${Math.ceil(seconds / 60)} min`, seconds);
const emailTaken = () => new AppError('email_taken', 'an account with this email already exists', 409);
const userNotFound = () => new AppError('not_found', 'no such user', 404);
const lastAdmin = () => new AppError('last_admin', 'the organisation must keep at least one active admin', 409);
