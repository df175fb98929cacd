/**
 * Response schemas for the API answers `shared/` describes as TypeScript interfaces. Each one is
 * checked against its interface at compile time (`satisfies`), so a change in `shared/` that the
 * client has not followed fails the typecheck instead of the page.
 */
import { speakerSchema, type LiveCallCreated, type TalkingPoint } from '@call-assist/shared';
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
