import {
  callCategorySchema,
  cardFeedbackSchema,
  mutedSpanSchema,
  objectionSchema,
  sentimentSchema,
  speakerSchema,
  type CallDetail,
  type CallRecord,
} from '@call-assist/shared';
import { z } from 'zod';
import { apiRequest } from './http';

const callPath = (callId: string) => `/api/calls/${encodeURIComponent(callId)}`;

const callRecordSchema = z.object({
  id: z.string(),
  source: z.enum(['live', 'import']),
  title: z.string().nullable(),
  status: z.enum(['created', 'live', 'suspended', 'ended', 'interrupted', 'failed']),
  sttProvider: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  audioDurationMs: z.number().nullable(),
  hasRecording: z.boolean(),
  analysisStatus: z.enum(['none', 'pending', 'processing', 'completed', 'failed']),
  analysisError: z.string().nullable(),
  tags: z.array(z.string()),
  tagsOverride: z.array(z.string()).nullable(),
  // Older servers do not send it.
  mutedSpans: z.array(mutedSpanSchema).default([]),
}) satisfies z.ZodType<CallRecord>;

export const callDetailSchema = z.object({
  call: callRecordSchema,
  segments: z.array(z.object({ seq: z.number(), speaker: speakerSchema.nullable(), text: z.string(), startMs: z.number(), endMs: z.number() })),
  cards: z.array(
    z.object({
      id: z.string(),
      talkingPointId: z.string().nullable(),
      title: z.string(),
      phrase: z.string(),
      source: z.enum(['partial', 'final']),
      audioMs: z.number(),
      latencyMs: z.number(),
      audioToCardMs: z.number(),
      feedback: cardFeedbackSchema.nullable(),
      feedbackAt: z.string().nullable(),
      firedAt: z.string(),
    }),
  ),
  analysis: z
    .object({
      analyzer: z.string(),
      updatedAt: z.string(),
      category: callCategorySchema,
      categoryConfidence: z.number(),
      objections: z.array(objectionSchema),
      summary: z.string(),
      sentiment: sentimentSchema,
      intent: z.string(),
      tags: z.array(z.string()),
      actionItems: z.array(z.string()),
      keyPoints: z.array(z.string()),
    })
    .nullable(),
}) satisfies z.ZodType<CallDetail>;

/** The call whole: transcript, cards fired, analysis. */
export const getCallDetail = (callId: string, signal?: AbortSignal): Promise<CallDetail> => apiRequest('GET', callPath(callId), callDetailSchema, { signal });

/** Replaces the analysis' tags with the manager's; `null` goes back to the analysis' tags. Returns the call. */
export const setCallTags = (callId: string, tags: string[] | null): Promise<CallRecord> => apiRequest('PUT', `${callPath(callId)}/tags`, callRecordSchema, { body: { tags } });

/** Analyses the call again (the status goes back to pending). */
export const reprocessCall = (callId: string): Promise<unknown> =>
  apiRequest('POST', `${callPath(callId)}/reprocess`, z.object({ callId: z.string(), analysisStatus: z.string() }));

/** Deletes the call, its transcript, cards, analysis and recording. */
export const deleteCall = (callId: string): Promise<void> => apiRequest('DELETE', callPath(callId), null);

/** The recording, streamed with range support (an `<audio>` element seeks with it). */
export const callAudioUrl = (callId: string) => `${callPath(callId)}/audio`;

/** The call as a JSON download. */
export const callExportUrl = (callId: string) => `${callPath(callId)}/export`;
