import { speakerSchema, type BacktestCall, type BacktestHit, type BacktestInput, type BacktestResult, type TalkingPoint, type TalkingPointInput } from '@call-assist/shared';
import { z } from 'zod';
import { apiRequest } from './http';
import { talkingPointListSchema, talkingPointSchema } from './schemas';

const path = (id: string) => `/api/talking-points/${encodeURIComponent(id)}`;

export const listTalkingPoints = (signal?: AbortSignal): Promise<TalkingPoint[]> =>
  apiRequest('GET', '/api/talking-points', talkingPointListSchema, { signal });

export const createTalkingPoint = (input: TalkingPointInput): Promise<TalkingPoint> =>
  apiRequest('POST', '/api/talking-points', talkingPointSchema, { body: input });

export const updateTalkingPoint = (id: string, input: TalkingPointInput): Promise<TalkingPoint> =>
  apiRequest('PUT', path(id), talkingPointSchema, { body: input });

export const deleteTalkingPoint = (id: string): Promise<void> => apiRequest('DELETE', path(id), null);

const backtestHitSchema = z.object({
  phrase: z.string(),
  segment_seq: z.number(),
  start_ms: z.number(),
  speaker: speakerSchema.nullable(),
  snippet: z.string(),
  match_start: z.number(),
  match_end: z.number(),
  fired: z.boolean(),
}) satisfies z.ZodType<BacktestHit>;

const backtestCallSchema = z.object({
  call_id: z.string(),
  call_title: z.string().nullable(),
  started_at: z.string().nullable(),
  created_at: z.string(),
  outcome: z.string().nullable(),
  hit_count: z.number(),
  hits: z.array(backtestHitSchema),
}) satisfies z.ZodType<BacktestCall>;

export const backtestResultSchema = z.object({
  calls_scanned: z.number(),
  calls_matched: z.number(),
  total_hits: z.number(),
  hits_per_phrase: z.record(z.string(), z.number()),
  calls_fired: z.number(),
  matched_calls_scheduled_share: z.number().nullable(),
  matched_calls_analysed: z.number(),
  scanned_calls_scheduled_share: z.number().nullable(),
  matches: z.array(backtestCallSchema),
}) satisfies z.ZodType<BacktestResult>;

/** Where phrases (or a saved talking point) would have fired on past calls. */
export const backtestPhrases = (input: BacktestInput, signal?: AbortSignal): Promise<BacktestResult> =>
  apiRequest('POST', '/api/talking-points/backtest', backtestResultSchema, { body: input, signal });
