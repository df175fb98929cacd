/**
 * Response schemas for the API answers `shared/` describes as TypeScript interfaces. Each one is
 * checked against its interface at compile time (`satisfies`), so a change in `shared/` that the
 * client has not followed fails the typecheck instead of the page.
 */
import {
  roleSchema,
  speakerSchema,
  type AuthSession,
  type AuthUser,
  type InvitationCreated,
  type InvitationInfo,
  type InvitationSummary,
  type LiveCallCreated,
  type TalkingPoint,
  type UserList,
  type UserSummary,
} from '@call-assist/shared';
import { z } from 'zod';

export const talkingPointSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  phrases: z.array(z.string()),
  speaker: speakerSchema,
  cooldownMs: z.number().nullable(),
  priority: z.number(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<TalkingPoint>;

export const talkingPointListSchema = z.array(talkingPointSchema);

export const liveCallCreatedSchema = z.object({
  callId: z.string(),
  token: z.string(),
  expiresInS: z.number(),
}) satisfies z.ZodType<LiveCallCreated>;

export const authUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  organisation: z.object({ id: z.string(), name: z.string() }),
}) satisfies z.ZodType<AuthUser>;

export const authSessionSchema = z.object({ user: authUserSchema, csrfToken: z.string() }) satisfies z.ZodType<AuthSession>;

export const invitationInfoSchema = z.object({
  email: z.string(),
  role: roleSchema,
  organisationName: z.string(),
  expiresAt: z.string(),
}) satisfies z.ZodType<InvitationInfo>;

export const userSummarySchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
}) satisfies z.ZodType<UserSummary>;

export const invitationSummarySchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
}) satisfies z.ZodType<InvitationSummary>;

export const userListSchema = z.object({ users: z.array(userSummarySchema), invitations: z.array(invitationSummarySchema) }) satisfies z.ZodType<UserList>;

export const invitationCreatedSchema = z.object({ invitation: invitationSummarySchema, token: z.string() }) satisfies z.ZodType<InvitationCreated>;
