import type { CallListQuery, CallSummary, CardFeedback, CardFeedbackRecorded } from '@call-assist/shared';
import { z } from 'zod';
import { apiRequest } from './http';
import { toSearchParams } from './query';

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

/** The filters and page of `GET /api/calls` (`callListQuerySchema` in shared/), all optional. */
export type CallListFilters = Partial<CallListQuery>;

/** Newest calls first, filtered, one page of them, with the total that match. */
export function listCalls(filters: CallListFilters = {}, signal?: AbortSignal) {
  return apiRequest('GET', `/api/calls?${toSearchParams(filters)}`, callListSchema, { signal });
}
