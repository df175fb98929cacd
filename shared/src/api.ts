import { z } from 'zod';
import type { CallAnalysis, CallCategory, ObjectionType } from './analysis.js';
import { cardFeedbackSchema, speakerSchema, type CardFeedback, type MutedSpan, type Speaker } from './protocol.js';

/** Longest trigger phrase accepted, in characters. */
export const MAX_PHRASE_CHARS = 200;

/** Body of `POST /api/talking-points` and `PUT /api/talking-points/:id`. */
export const talkingPointInputSchema = z.strictObject({
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
  /** The uploaded or imported file's name; null for live calls. */
  title: string | null;
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

/** A call as `GET /api/calls/:id` shows it (the review page). */
export interface CallRecord {
  id: string;
  source: 'live' | 'import';
  title: string | null;
  /** `suspended`: its gateway shut down mid-call and the rep's reconnect can resume it. */
  status: 'created' | 'live' | 'suspended' | 'ended' | 'interrupted' | 'failed';
  sttProvider: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  audioDurationMs: number | null;
  /** Whether `GET /api/calls/:id/audio` has a recording to play. */
  hasRecording: boolean;
  analysisStatus: 'none' | 'pending' | 'processing' | 'completed' | 'failed';
  /** Why the last analysis failed. */
  analysisError: string | null;
  /** The tags shown: the manager's override, else the analysis'. */
  tags: string[];
  /** The manager's tags, when they replace the analysis'. */
  tagsOverride: string[] | null;
  /** Stretches the rep had muted: silent in the recording, nothing transcribed. */
  mutedSpans: MutedSpan[];
}

/** One final transcript segment of a call. */
export interface CallSegment {
  seq: number;
  speaker: Speaker | null;
  text: string;
  startMs: number;
  endMs: number;
}

/** A talking-point card that fired during a call, with the rep's feedback. */
export interface FiredCard {
  id: string;
  talkingPointId: string | null;
  title: string;
  phrase: string;
  source: 'partial' | 'final';
  /** Call-audio time of the trigger. */
  audioMs: number;
  latencyMs: number;
  audioToCardMs: number;
  feedback: CardFeedback | null;
  feedbackAt: string | null;
  firedAt: string;
}

/** Response of `GET /api/calls/:id` (and the body of its JSON export). */
export interface CallDetail {
  call: CallRecord;
  segments: CallSegment[];
  cards: FiredCard[];
  /** The analysis once one has completed; `analyzer` names what produced it. */
  analysis: (CallAnalysis & { analyzer: string; updatedAt: string }) | null;
}

export const analyticsBucketSchema = z.enum(['day', 'week']);
export type AnalyticsBucket = z.infer<typeof analyticsBucketSchema>;

/** Query of `GET /api/calls/analytics`: a date range (UTC days) and the timeline's bucket (default: days up to 92 days, else weeks). */
export const callAnalyticsQuerySchema = z.object({
  start_date: z.iso.date().or(z.iso.datetime()).optional(),
  end_date: z.iso.date().or(z.iso.datetime()).optional(),
  bucket: analyticsBucketSchema.optional(),
});
export type CallAnalyticsQuery = z.infer<typeof callAnalyticsQuerySchema>;

/** Most buckets one timeline has. */
export const MAX_TIMELINE_BUCKETS = 1000;

/** Calls created in one day or week (UTC; weeks start on Monday). */
export interface AnalyticsTimelinePoint {
  /** First day of the bucket, `YYYY-MM-DD`. */
  start: string;
  calls: number;
  analysed: number;
  /** Analysed calls per category. */
  categories: Partial<Record<CallCategory, number>>;
  /** Objections raised per type (each occurrence counts). */
  objections: Partial<Record<ObjectionType, number>>;
}

/** Response of `GET /api/calls/analytics`. */
export interface CallAnalytics {
  totals: { calls: number; analysed: number };
  categories: Record<string, number>;
  /** Per objection type: how often raised, and how often overcome. */
  objections: Record<string, { count: number; overcome: number }>;
  tags: Record<string, number>;
  /** Card-to-outcome: per talking point, cards fired, calls it fired in, and how many of those booked. */
  talkingPoints: { talkingPointId: string | null; title: string; cardsFired: number; calls: number; scheduled: number; scheduledShare: number }[];
  bucket: AnalyticsBucket;
  /** Every bucket from the range's start (else the first call's) to its end (else the last call's), empty ones included. */
  timeline: AnalyticsTimelinePoint[];
}

/** Body of `PUT /api/calls/:id/tags`: the manager's tags, replacing the analysis' (null: back to the analysis'). */
export const callTagsInputSchema = z.strictObject({
  tags: z.array(z.string().trim().min(1).max(40)).max(20).nullable(),
});

/** Body of `POST /api/calls/:id/cards/:cardId/feedback`. */
export const cardFeedbackInputSchema = z.strictObject({ feedback: cardFeedbackSchema });

/** Response of `POST /api/calls/:id/cards/:cardId/feedback`. */
export interface CardFeedbackRecorded {
  callId: string;
  cardId: string;
  feedback: CardFeedback;
  /** ISO 8601. */
  feedbackAt: string;
}

/** Most past calls one backtest scans. */
export const MAX_BACKTEST_CALLS = 1000;

/**
 * Body of `POST /api/talking-points/backtest`: where phrases (or an existing talking point's) would
 * have fired on the organisation's past calls, newest first. Give `phrases` or `talking_point_id`.
 */
export const backtestInputSchema = z
  .strictObject({
    phrases: z
      .array(z.string().trim().min(1).max(MAX_PHRASE_CHARS))
      .min(1)
      .max(100)
      .refine((phrases) => phrases.some((phrase) => /[\p{L}\p{N}]/u.test(phrase)), { message: 'at least one phrase must contain a letter or a digit' })
      .optional(),
    /** Backtest this talking point's phrases, speaker filter and cooldown. */
    talking_point_id: z.string().uuid().optional(),
    /** Only count what this party said (segments of unknown speaker always count); default: the talking point's, else any. */
    speaker: speakerSchema.optional(),
    start_date: z.iso.date().or(z.iso.datetime()).optional(),
    end_date: z.iso.date().or(z.iso.datetime()).optional(),
    limit_calls: z.number().int().min(1).max(MAX_BACKTEST_CALLS).default(200),
  })
  .refine((input) => (input.phrases === undefined) !== (input.talking_point_id === undefined), {
    message: 'give either phrases or talking_point_id',
    path: ['phrases'],
  });
export type BacktestInput = z.input<typeof backtestInputSchema>;

/** One phrase occurrence in a past call. */
export interface BacktestHit {
  /** The phrase as given. */
  phrase: string;
  /** The transcript segment it is in, and where that segment starts in the call audio. */
  segment_seq: number;
  start_ms: number;
  speaker: Speaker | null;
  /** About 60 characters either side of the match; the match is `snippet.slice(match_start, match_end)`. */
  snippet: string;
  match_start: number;
  match_end: number;
  /** Whether the live matcher would have pushed a card here (once per call, or after the cooldown). */
  fired: boolean;
}

/** A past call in which at least one phrase occurs. */
export interface BacktestCall {
  call_id: string;
  call_title: string | null;
  started_at: string | null;
  created_at: string;
  /** The analysis' category (the call's outcome), when the call has been analysed. */
  outcome: string | null;
  /** Every occurrence in the call; `hits` lists the first `MAX_BACKTEST_HITS_PER_CALL`. */
  hit_count: number;
  hits: BacktestHit[];
}

/** Hits listed per call in a backtest (all are counted). */
export const MAX_BACKTEST_HITS_PER_CALL = 20;

/** Response of `POST /api/talking-points/backtest`. */
export interface BacktestResult {
  calls_scanned: number;
  calls_matched: number;
  total_hits: number;
  /** Occurrences per phrase (phrases as given, each once). */
  hits_per_phrase: Record<string, number>;
  /** Calls where the live matcher would have pushed at least one card. */
  calls_fired: number;
  /** Of the matched calls that have an analysis, the share that booked a consult; null when none is analysed. */
  matched_calls_scheduled_share: number | null;
  matched_calls_analysed: number;
  /** The same share over every scanned call that has an analysis: the baseline to compare with. */
  scanned_calls_scheduled_share: number | null;
  /** Matched calls, newest first. */
  matches: BacktestCall[];
}
