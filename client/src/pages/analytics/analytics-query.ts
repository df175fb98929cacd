import { callAnalyticsQuerySchema, type CallAnalyticsQuery } from '@call-assist/shared';
import { toSearchParams } from '../../api/query';

/** The analytics view from the URL's query: a date range and the timeline's bucket; bad values dropped. */
export function analyticsQueryFromSearch(search: string): CallAnalyticsQuery {
  const params = new URLSearchParams(search);
  const shape = callAnalyticsQuerySchema.shape;
  const query: CallAnalyticsQuery = {};
  for (const key of ['start_date', 'end_date', 'bucket'] as const) {
    const parsed = shape[key].safeParse(params.get(key) || undefined);
    if (parsed.success && parsed.data !== undefined) Object.assign(query, { [key]: parsed.data });
  }
  return query;
}

export const searchFromAnalyticsQuery = (query: CallAnalyticsQuery) => toSearchParams({ start_date: query.start_date, end_date: query.end_date, bucket: query.bucket }).toString();
