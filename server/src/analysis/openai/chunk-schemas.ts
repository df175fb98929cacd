import { z } from 'zod';
import { callAnalysisSchema, objectionSchema, sentimentSchema } from '@call-assist/shared';
import { toStrictJsonSchema } from './strict-json-schema.js';

/**
 * The last booking event a part of the call shows: `confirmed` (a specific time confirmed),
 * `cancelled` (a picked or confirmed time withdrawn, or booking declined), `discussed` (booking
 * talked about, nothing settled), `none` (booking not discussed).
 */
export const bookingStatusSchema = z.enum(['confirmed', 'cancelled', 'discussed', 'none']);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

/** What the map step answers for one part of a long call. */
export const chunkAnalysisSchema = z.object({
  objections: z.array(objectionSchema).max(20),
  booking: z.object({
    status: bookingStatusSchema,
    /** Whole-call turn number of the event. */
    turn: z.number().int().min(0).nullable(),
    /** The words showing it, short. */
    evidence: z.string().max(600),
  }),
  callerIntent: z.string().max(200),
  partSummary: z.string().max(1_000),
  sentiment: sentimentSchema,
  actionItems: z.array(z.string().min(1).max(300)).max(20),
  keyPoints: z.array(z.string().min(1).max(300)).max(20),
});
export type ChunkAnalysis = z.infer<typeof chunkAnalysisSchema>;

/** What the reduce step answers: the whole call's analysis but the objections, which are merged from the parts. */
export const callSummarySchema = callAnalysisSchema.omit({ objections: true });
export type CallSummary = z.infer<typeof callSummarySchema>;

export const CHUNK_ANALYSIS_JSON_SCHEMA = toStrictJsonSchema(z.toJSONSchema(chunkAnalysisSchema, { io: 'output' })) as Record<string, unknown>;
export const CALL_SUMMARY_JSON_SCHEMA = toStrictJsonSchema(z.toJSONSchema(callSummarySchema, { io: 'output' })) as Record<string, unknown>;
