import type { AnalyticsTimelinePoint, CallAnalytics } from '@call-assist/shared';
import { formatDay } from '../../ui/dates';

/** One row per bucket for a stacked chart: its label and a count per series key (0 where none). */
export type TimelineRow = { label: string; start: string } & Record<string, number | string>;

/**
 * Rows for a chart of `field` (categories or objections) over time, and the series that occur at all
 * (in `order`; others the server knows and this page does not come last), so the legend lists no empty series.
 */
export function timelineSeries(timeline: AnalyticsTimelinePoint[], field: 'categories' | 'objections', order: readonly string[]): { rows: TimelineRow[]; keys: string[] } {
  const seen = new Set<string>();
  for (const point of timeline) for (const [key, count] of Object.entries(point[field])) if (count) seen.add(key);
  const keys = [...order.filter((key) => seen.has(key)), ...[...seen].filter((key) => !order.includes(key)).sort()];
  const rows = timeline.map((point) => {
    const row: TimelineRow = { label: formatDay(point.start), start: point.start };
    for (const key of keys) row[key] = (point[field] as Record<string, number | undefined>)[key] ?? 0;
    return row;
  });
  return { rows, keys };
}

/** The biggest `limit` entries of a count map, largest first. */
export const topCounts = (counts: Record<string, number>, limit: number) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key, count]) => ({ key, count }));

/** Headline figures for the range. */
export function headline(analytics: CallAnalytics) {
  const booked = analytics.categories.consult_scheduled ?? 0;
  const objections = Object.values(analytics.objections);
  const raised = objections.reduce((sum, o) => sum + o.count, 0);
  const overcome = objections.reduce((sum, o) => sum + o.overcome, 0);
  return {
    calls: analytics.totals.calls,
    analysed: analytics.totals.analysed,
    booked,
    bookedShare: analytics.totals.analysed ? booked / analytics.totals.analysed : undefined,
    objectionsRaised: raised,
    overcomeShare: raised ? overcome / raised : undefined,
    cardsFired: analytics.talkingPoints.reduce((sum, point) => sum + point.cardsFired, 0),
  };
}

export const percent = (share: number | undefined) => (share === undefined ? '–' : `${Math.round(share * 100)} %`);
