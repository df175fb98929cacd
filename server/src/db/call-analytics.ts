import type { AnalyticsBucket, CallAnalytics } from '@call-assist/shared';
import { sql } from 'drizzle-orm';
import { buildTimeline, type DayCounts } from './analytics-timeline.js';
import type { Db } from './database.js';
import type { OrgScope } from './organisations.js';

export type { CallAnalytics } from '@call-assist/shared';

type Rows<T> = { rows: T[] };

export interface AnalyticsRange {
  from?: Date;
  to?: Date;
}

/**
 * Aggregates for the analytics page, all within one organisation (and an optional date range):
 * distributions over the whole range, card-to-outcome per talking point, and the same counts per
 * day or week (`bucket`; default chosen by the span) for charts over time.
 */
export async function callAnalytics(db: Db, scope: OrgScope, range: AnalyticsRange = {}, bucket?: AnalyticsBucket): Promise<CallAnalytics> {
  const inRange = sql`c.org_id = ${scope.orgId}
    ${range.from ? sql`and c.created_at >= ${range.from}` : sql``}
    ${range.to ? sql`and c.created_at <= ${range.to}` : sql``}`;
  // Days in UTC, as the list's date filters count them.
  const day = sql`to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const [totals, categories, objections, tags, points, days, dayCategories, dayObjections] = await Promise.all([
    db.execute(sql`select count(*)::int as calls, count(a.call_id)::int as analysed
      from calls c left join call_analyses a on a.call_id = c.id where ${inRange}`) as Promise<Rows<{ calls: number; analysed: number }>>,
    db.execute(sql`select a.category, count(*)::int as count from calls c join call_analyses a on a.call_id = c.id
      where ${inRange} group by a.category`) as Promise<Rows<{ category: string; count: number }>>,
    db.execute(sql`select o->>'type' as type, count(*)::int as count, count(*) filter (where (o->>'overcome')::boolean)::int as overcome
      from calls c join call_analyses a on a.call_id = c.id, jsonb_array_elements(a.result->'objections') o
      where ${inRange} group by 1`) as Promise<Rows<{ type: string; count: number; overcome: number }>>,
    db.execute(sql`select t as tag, count(*)::int as count
      from calls c left join call_analyses a on a.call_id = c.id,
      jsonb_array_elements_text(coalesce(c.tags_override, a.result->'tags', '[]'::jsonb)) t
      where ${inRange} group by 1 order by 2 desc limit 100`) as Promise<Rows<{ tag: string; count: number }>>,
    db.execute(sql`select e.talking_point_id, max(e.title) as title, count(*)::int as cards_fired, count(distinct e.call_id)::int as calls,
        count(distinct e.call_id) filter (where a.category = 'consult_scheduled')::int as scheduled
      from card_events e join calls c on c.id = e.call_id left join call_analyses a on a.call_id = e.call_id
      where ${inRange} and e.org_id = ${scope.orgId} group by e.talking_point_id order by cards_fired desc`) as Promise<
      Rows<{ talking_point_id: string | null; title: string; cards_fired: number; calls: number; scheduled: number }>
    >,
    db.execute(sql`select ${day} as day, count(*)::int as calls, count(a.call_id)::int as analysed
      from calls c left join call_analyses a on a.call_id = c.id where ${inRange} group by 1`) as Promise<Rows<{ day: string; calls: number; analysed: number }>>,
    db.execute(sql`select ${day} as day, a.category as key, count(*)::int as count
      from calls c join call_analyses a on a.call_id = c.id where ${inRange} group by 1, 2`) as Promise<Rows<{ day: string; key: string; count: number }>>,
    db.execute(sql`select ${day} as day, o->>'type' as key, count(*)::int as count
      from calls c join call_analyses a on a.call_id = c.id, jsonb_array_elements(a.result->'objections') o
      where ${inRange} group by 1, 2`) as Promise<Rows<{ day: string; key: string; count: number }>>,
  ]);
  const timeline = buildTimeline(dayCountsOf(days.rows, dayCategories.rows, dayObjections.rows), range, bucket);
  return {
    totals: totals.rows[0] ?? { calls: 0, analysed: 0 },
    categories: Object.fromEntries(categories.rows.map((r) => [r.category, r.count])),
    objections: Object.fromEntries(objections.rows.map((r) => [r.type, { count: r.count, overcome: r.overcome }])),
    tags: Object.fromEntries(tags.rows.map((r) => [r.tag, r.count])),
    talkingPoints: points.rows.map((r) => ({
      talkingPointId: r.talking_point_id,
      title: r.title,
      cardsFired: r.cards_fired,
      calls: r.calls,
      scheduled: r.scheduled,
      scheduledShare: r.calls === 0 ? 0 : Math.round((r.scheduled / r.calls) * 1000) / 1000,
    })),
    ...timeline,
  };
}

function dayCountsOf(
  days: { day: string; calls: number; analysed: number }[],
  categories: { day: string; key: string; count: number }[],
  objections: { day: string; key: string; count: number }[],
): DayCounts[] {
  const byDay = new Map<string, DayCounts>(days.map((row) => [row.day, { day: row.day, calls: row.calls, analysed: row.analysed, categories: {}, objections: {} }]));
  for (const row of categories) {
    const counts = byDay.get(row.day);
    if (counts) counts.categories[row.key] = row.count;
  }
  for (const row of objections) {
    const counts = byDay.get(row.day);
    if (counts) counts.objections[row.key] = row.count;
  }
  return [...byDay.values()];
}
