import { sql } from 'drizzle-orm';
import type { Db } from './database.js';
import type { OrgScope } from './organisations.js';

export interface CallAnalytics {
  totals: { calls: number; analysed: number };
  categories: Record<string, number>;
  /** Per objection type: how often raised, and how often overcome. */
  objections: Record<string, { count: number; overcome: number }>;
  tags: Record<string, number>;
  /** Card-to-outcome: per talking point, cards fired, calls it fired in, and how many of those booked. */
  talkingPoints: { talkingPointId: string | null; title: string; cardsFired: number; calls: number; scheduled: number; scheduledShare: number }[];
}

type Rows<T> = { rows: T[] };

/** Aggregates for the analytics page, all within one organisation (and an optional date range). */
export async function callAnalytics(db: Db, scope: OrgScope, range: { from?: Date; to?: Date } = {}): Promise<CallAnalytics> {
  const inRange = sql`c.org_id = ${scope.orgId}
    ${range.from ? sql`and c.created_at >= ${range.from}` : sql``}
    ${range.to ? sql`and c.created_at <= ${range.to}` : sql``}`;
  const [totals, categories, objections, tags, points] = await Promise.all([
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
  ]);
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
  };
}
