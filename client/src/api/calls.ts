import type { CallSummary, CardFeedback, CardFeedbackRecorded } from '@call-assist/shared';
import { z } from 'zod';
import { apiRequest } from './http';

const callPath = (callId: string) => `/api/calls/${encodeURIComponent(callId)}`;

const cardFeedbackRecordedSchema = z.object({
  callId: z.string(),
  cardId: z.string(),
  feedback: z.enum(['used', 'dismissed']),
  feedbackAt: z.string(),
}) satisfies z.ZodType<CardFeedbackRecorded>;

/** Records a rep's feedback on a card through the API (the live socket carries it while connected). */
export const sendCardFeedback = (callId: string, cardId: string, feedback: CardFeedback): Promise<CardFeedbackRecorded> =>
  apiRequest('POST', `${callPath(callId)}/cards/${encodeURIComponent(cardId)}/feedback`, cardFeedbackRecordedSchema, { body: { feedback } });

/** The parts of `GET /api/calls/:id` the call page stub shows; the review page will parse the rest. */
export const callOverviewSchema = z.object({
  call: z.object({
    id: z.string(),
    status: z.string(),
    analysisStatus: z.string(),
    startedAt: z.string().nullable().optional(),
    endedAt: z.string().nullable().optional(),
    audioDurationMs: z.number().nullable().optional(),
  }),
  segments: z.array(z.object({ seq: z.number(), text: z.string(), startMs: z.number(), endMs: z.number() })),
  cards: z.array(z.object({ title: z.string().optional(), phrase: z.string().optional() }).loose()),
});
export type CallOverview = z.infer<typeof callOverviewSchema>;

export const getCallOverview = (callId: string, signal?: AbortSignal): Promise<CallOverview> =>
  apiRequest('GET', callPath(callId), callOverviewSchema, { signal });

export const callSummarySchema = z.object({
  id: z.string(),
  source: z.enum(['live', 'import']),
  title: z.string().nullable().default(null),
  status: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  audioDurationMs: z.number().nullable(),
  analysisStatus: z.string(),
  category: z.string().nullable(),
  sentiment: z.string().nullable(),
  tags: z.array(z.string()),
  objectionTypes: z.array(z.string()),
  summary: z.string().nullable(),
}) satisfies z.ZodType<CallSummary>;

export const callListSchema = z.object({ total: z.number(), calls: z.array(callSummarySchema) });

/** Newest calls first (the review page will add the filters `callListQuerySchema` describes). */
export function listCalls(options: { limit?: number; skip?: number } = {}, signal?: AbortSignal) {
  const query = new URLSearchParams({ limit: String(options.limit ?? 50), skip: String(options.skip ?? 0) });
  return apiRequest('GET', `/api/calls?${query}`, callListSchema, { signal });
}

export const analysisStatsSchema = z.record(z.string(), z.number());

/** Calls per analysis status. */
export const getAnalysisStats = (signal?: AbortSignal) => apiRequest('GET', '/api/calls/stats', analysisStatsSchema, { signal });
