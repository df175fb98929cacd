import { analyticsBucketSchema, callCategorySchema, objectionTypeSchema, type CallAnalytics, type CallAnalyticsQuery } from '@call-assist/shared';
import { z } from 'zod';
import { apiRequest } from './http';
import { toSearchParams } from './query';

const countsSchema = z.record(z.string(), z.number());

export const callAnalyticsSchema = z.object({
  totals: z.object({ calls: z.number(), analysed: z.number() }),
  categories: countsSchema,
  objections: z.record(z.string(), z.object({ count: z.number(), overcome: z.number() })),
  tags: countsSchema,
  talkingPoints: z.array(
    z.object({
      talkingPointId: z.string().nullable(),
      title: z.string(),
      cardsFired: z.number(),
      calls: z.number(),
      scheduled: z.number(),
      scheduledShare: z.number(),
    }),
  ),
  bucket: analyticsBucketSchema,
  timeline: z.array(
    z.object({
      start: z.string(),
      calls: z.number(),
      analysed: z.number(),
      categories: z.partialRecord(callCategorySchema, z.number()),
      objections: z.partialRecord(objectionTypeSchema, z.number()),
    }),
  ),
}) satisfies z.ZodType<CallAnalytics>;

/** Distributions, card-to-outcome and the timeline for a date range (UTC days). */
export const getCallAnalytics = (query: CallAnalyticsQuery, signal?: AbortSignal): Promise<CallAnalytics> =>
  apiRequest('GET', `/api/calls/analytics?${toSearchParams(query)}`, callAnalyticsSchema, { signal });
