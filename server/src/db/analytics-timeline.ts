import { MAX_TIMELINE_BUCKETS, type AnalyticsBucket, type AnalyticsTimelinePoint } from '@call-assist/shared';
import { AppError } from '../lib/errors.js';

/** Counts of the calls created on one UTC day. */
export interface DayCounts {
  /** `YYYY-MM-DD`. */
  day: string;
  calls: number;
  analysed: number;
  categories: Record<string, number>;
  objections: Record<string, number>;
}

const DAY_MS = 86_400_000;
/** Up to this many days, the default timeline counts per day; longer spans count per week. */
export const DAILY_TIMELINE_MAX_DAYS = 92;

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const parseDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** The first day of the bucket holding `day`: itself, or the Monday of its week (as PostgreSQL's date_trunc). */
function bucketStart(day: string, bucket: AnalyticsBucket): string {
  if (bucket === 'day') return day;
  const date = parseDay(day);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return dayOf(new Date(date.getTime() - sinceMonday * DAY_MS));
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

/**
 * Rolls day counts into a timeline of days or weeks with every bucket present (empty ones too, so a
 * chart's gaps are real), from the range's start — else the first call's day — to its end, else the
 * last call's. Without `bucket`, days for spans up to {@link DAILY_TIMELINE_MAX_DAYS}, else weeks.
 */
export function buildTimeline(days: DayCounts[], range: { from?: Date; to?: Date }, bucket?: AnalyticsBucket): { bucket: AnalyticsBucket; timeline: AnalyticsTimelinePoint[] } {
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  const first = range.from ? dayOf(range.from) : sorted[0]?.day;
  const last = range.to ? dayOf(range.to) : sorted.at(-1)?.day;
  if (!first || !last || first > last) return { bucket: bucket ?? 'day', timeline: [] };
  const spanDays = (parseDay(last).getTime() - parseDay(first).getTime()) / DAY_MS + 1;
  const chosen = bucket ?? (spanDays <= DAILY_TIMELINE_MAX_DAYS ? 'day' : 'week');
  const stepDays = chosen === 'day' ? 1 : 7;
  const start = parseDay(bucketStart(first, chosen)).getTime();
  const bucketCount = Math.floor((parseDay(bucketStart(last, chosen)).getTime() - start) / (stepDays * DAY_MS)) + 1;
  if (bucketCount > MAX_TIMELINE_BUCKETS) {
    throw new AppError('range_too_long', `the timeline would have ${bucketCount} ${chosen}s (at most ${MAX_TIMELINE_BUCKETS}): choose a shorter range or bucket=week`);
  }
  const points = new Map<string, AnalyticsTimelinePoint>();
  for (let i = 0; i < bucketCount; i++) {
    const day = dayOf(new Date(start + i * stepDays * DAY_MS));
    points.set(day, { start: day, calls: 0, analysed: 0, categories: {}, objections: {} });
  }
  for (const counts of sorted) {
    const point = points.get(bucketStart(counts.day, chosen));
    if (!point) continue;
    point.calls += counts.calls;
    point.analysed += counts.analysed;
    addCounts(point.categories, counts.categories);
    addCounts(point.objections, counts.objections);
  }
  return { bucket: chosen, timeline: [...points.values()] };
}
