import type { Role } from '@call-assist/shared';
import type { OrgScope } from '../db/organisations.js';
import type { SessionIdentity } from '../db/sessions.js';

/** Who is making a request: the logged-in user behind the session cookie. */
export interface Caller extends SessionIdentity {
  /** SHA-256 of the session token: names the session without being it. */
  sessionId: string;
  csrfToken: string;
}

/** Calls a query may read: the organisation's, and only their own for a rep. */
export interface CallScope extends OrgScope {
  ownerId?: string;
}

export const orgScopeOf = (caller: Caller): OrgScope => ({ orgId: caller.orgId });

export const callScopeOf = (caller: Caller): CallScope => (caller.role === 'rep' ? { orgId: caller.orgId, ownerId: caller.userId } : { orgId: caller.orgId });

/** Who may do what: one place, read by the routes. */
export const CAN = {
  manageUsers: ['admin'],
  editTalkingPoints: ['admin', 'manager'],
  importCalls: ['admin', 'manager'],
  /** Tags, reprocessing, deleting calls; org-wide analytics. */
  manageCalls: ['admin', 'manager'],
  /** Watch any live call of the organisation (a rep watches only their own). */
  watchAnyCall: ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;
