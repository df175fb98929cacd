import { z } from 'zod';

/**
 * Accounts: every user belongs to one organisation and has one role.
 * - `admin`: everything a manager can, plus managing users and invitations.
 * - `manager`: every call of the organisation, talking points, imports, analytics.
 * - `rep`: the live pane and their own calls.
 */
export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Sent with every state-changing request made with the session cookie (see `AuthSession.csrfToken`). */
export const CSRF_HEADER = 'x-csrf-token';
/** The HTTP-only session cookie's name. */
export const SESSION_COOKIE = 'ca_session';

export const MIN_PASSWORD_CHARS = 10;
/** Beyond this a password is refused: hashing megabytes of "password" is a denial of service. */
export const MAX_PASSWORD_CHARS = 256;

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((email) => email.toLowerCase());
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_CHARS, `must be at least ${MIN_PASSWORD_CHARS} characters`)
  .max(MAX_PASSWORD_CHARS, `must be at most ${MAX_PASSWORD_CHARS} characters`);
const personNameSchema = z.string().trim().min(1, 'is required').max(200);

/** `POST /api/auth/login`. */
export const loginInputSchema = z.strictObject({
  // Any address an account may have, e.g. the first start's admin@localhost (no TLD).
  email: z.string().trim().min(1, 'is required').max(254).transform((email) => email.toLowerCase()),
  // Not the password policy: an old password that no longer meets it must still log in.
  password: z.string().min(1, 'is required').max(MAX_PASSWORD_CHARS),
});
export type LoginInput = z.input<typeof loginInputSchema>;

/**
 * `POST /api/auth/register`: the first user (an admin) of a new organisation — only when the server
 * allows registration (ALLOW_REGISTRATION) — or an invited user, with the invitation's token.
 */
export const registerInputSchema = z.union([
  z.strictObject({ organisationName: z.string().trim().min(1, 'is required').max(200), name: personNameSchema, email: emailSchema, password: passwordSchema }),
  z.strictObject({ invitation: z.string().min(20).max(200), name: personNameSchema, password: passwordSchema }),
]);
export type RegisterInput = z.input<typeof registerInputSchema>;

/** `POST /api/auth/invitation`: what an invitation token is for, before registering with it. */
export const invitationLookupSchema = z.strictObject({ invitation: z.string().min(20).max(200) });
export interface InvitationInfo {
  email: string;
  role: Role;
  organisationName: string;
  expiresAt: string;
}

/** `POST /api/auth/password`: changes the caller's password; their other sessions end. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(MAX_PASSWORD_CHARS),
  newPassword: passwordSchema,
});

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation: { id: string; name: string };
}

/** Answer of login, register and `GET /api/auth/me`. */
export interface AuthSession {
  user: AuthUser;
  /** Echo it in the `x-csrf-token` header of every POST/PUT/PATCH/DELETE. */
  csrfToken: string;
}

/** `POST /api/users/invitations` (admin). */
export const invitationInputSchema = z.strictObject({ email: emailSchema, role: roleSchema });
export type InvitationInput = z.input<typeof invitationInputSchema>;

/** `PATCH /api/users/:id` (admin). */
export const userUpdateSchema = z
  .strictObject({ name: personNameSchema.optional(), role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((update) => Object.keys(update).length > 0, { message: 'nothing to change' });
export type UserUpdate = z.input<typeof userUpdateSchema>;

/** A user as `GET /api/users` lists them. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface InvitationSummary {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** `GET /api/users`. */
export interface UserList {
  users: UserSummary[];
  /** Open invitations (not accepted, not expired). */
  invitations: InvitationSummary[];
}

/**
 * `POST /api/users/invitations` → 201. The token is shown once: the admin passes the link on
 * (`/register#invitation=<token>`; a fragment never reaches server or proxy logs).
 */
export interface InvitationCreated {
  invitation: InvitationSummary;
  token: string;
}

/** `POST /api/live-calls/:id/token`: a fresh token for a call's sockets (a reconnect after the first expired). */
export const liveCallTokenInputSchema = z.strictObject({ purpose: z.enum(['stream', 'watch']).default('stream') });

/** `GET /api/auth/options` (public): what the login screen may offer. */
export interface AuthOptions {
  /** Whether `POST /api/auth/register` creates new organisations (ALLOW_REGISTRATION). */
  registrationOpen: boolean;
}
