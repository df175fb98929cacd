import { z } from 'zod';
import { speakerSchema } from './protocol.js';

/** Longest trigger phrase accepted, in characters. */
export const MAX_PHRASE_CHARS = 200;

/** Body of `POST /api/talking-points` and `PUT /api/talking-points/:id`. */
export const talkingPointInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(4000),
  /** Trigger phrases; several phrases of one talking point are synonyms. */
  phrases: z
    .array(z.string().trim().min(1).max(MAX_PHRASE_CHARS))
    .min(1)
    .max(100)
    .refine((phrases) => phrases.length === 0 || phrases.some((phrase) => /[\p{L}\p{N}]/u.test(phrase)), {
      message: 'at least one phrase must contain a letter or a digit',
    }),
  speaker: speakerSchema.default('any'),
  /** Minimum call-audio time between two cards of this talking point; unset = once per call. */
  cooldownMs: z.number().int().min(0).max(24 * 3600 * 1000).nullable().optional(),
  priority: z.number().int().min(-1000).max(1000).default(0),
  enabled: z.boolean().default(true),
});
export type TalkingPointInput = z.input<typeof talkingPointInputSchema>;

/** A talking point as the API returns it. */
export interface TalkingPoint {
  id: string;
  title: string;
  body: string;
  phrases: string[];
  speaker: 'caller' | 'agent' | 'any';
  cooldownMs: number | null;
  priority: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Response of `POST /api/live-calls`: the call and the token for its sockets. */
export interface LiveCallCreated {
  callId: string;
  token: string;
  /** Seconds until the token stops being accepted for new connections. */
  expiresInS: number;
}

/** Error body of every 4xx/5xx API response. */
export interface ApiError {
  ok: false;
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** Query of `GET /api/calls` (all optional; newest first). */
export const callListQuerySchema = z.object({
  tag: z.string().trim().min(1).max(40).optional(),
  category: z.enum(['consult_scheduled', 'consult_not_scheduled', 'other_question']).optional(),
  objection: z.enum(['safety-risk', 'cost-value', 'timing', 'social-concerns', 'provider-trust', 'results-skepticism', 'other']).optional(),
  start_date: z.iso.date().or(z.iso.datetime()).optional(),
  end_date: z.iso.date().or(z.iso.datetime()).optional(),
  /** Full-text search over the transcripts. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type CallListQuery = z.infer<typeof callListQuerySchema>;

/** One row of `GET /api/calls`. */
export interface CallSummary {
  id: string;
  source: 'live' | 'import';
  status: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  audioDurationMs: number | null;
  analysisStatus: string;
  category: string | null;
  sentiment: string | null;
  tags: string[];
  objectionTypes: string[];
  summary: string | null;
}

/** Body of `PUT /api/calls/:id/tags`: the manager's tags, replacing the analysis' (null: back to the analysis'). */
export const callTagsInputSchema = z.object({
  tags: z.array(z.string().trim().min(1).max(40)).max(20).nullable(),
});
