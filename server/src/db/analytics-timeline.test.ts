import { describe, expect, it } from 'vitest';
import { buildTimeline, type DayCounts } from './analytics-timeline.js';

const day = (date: string, calls: number, categories: Record<string, number> = {}, objections: Record<string, number> = {}): DayCounts => ({
  day: date,
  calls,
  analysed: Object.values(categories).reduce((sum, n) => sum + n, 0),
  categories,
  objections,
});

describe('buildTimeline', () => {
  it('lists every day between the first and the last call, empty days included', () => {
    const { bucket, timeline } = buildTimeline([day('2026-03-04', 1, { consult_scheduled: 1 }), day('2026-03-02', 2, { other_question: 1 }, { timing: 2 })], {});
    expect(bucket).toBe('day');
    expect(timeline).toEqual([
      { start: '2026-03-02', calls: 2, analysed: 1, categories: { other_question: 1 }, objections: { timing: 2 } },
      { start: '2026-03-03', calls: 0, analysed: 0, categories: {}, objections: {} },
      { start: '2026-03-04', calls: 1, analysed: 1, categories: { consult_scheduled: 1 }, objections: {} },
    ]);
  });

  it('rolls days into weeks starting on Monday, adding up the counts', () => {
    // 2026-03-01 is a Sunday; 2026-03-02 and 2026-03-08 are the Monday and Sunday of the next week.
    const days = [day('2026-03-01', 1, { other_question: 1 }), day('2026-03-02', 1, { consult_scheduled: 1 }, { 'cost-value': 1 }), day('2026-03-08', 2, { consult_scheduled: 2 }, { 'cost-value': 1, timing: 1 })];
    const { bucket, timeline } = buildTimeline(days, {}, 'week');
    expect(bucket).toBe('week');
    expect(timeline).toEqual([
      { start: '2026-02-23', calls: 1, analysed: 1, categories: { other_question: 1 }, objections: {} },
      { start: '2026-03-02', calls: 3, analysed: 3, categories: { consult_scheduled: 3 }, objections: { 'cost-value': 2, timing: 1 } },
    ]);
  });

  it('spans the asked range even where there are no calls, and picks weeks for long spans', () => {
    const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-05T23:59:59.999Z') };
    expect(buildTimeline([], range).timeline.map((point) => point.start)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    const year = buildTimeline([], { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-12-31T00:00:00Z') });
    expect(year.bucket).toBe('week');
    expect(year.timeline).toHaveLength(53);
    expect(buildTimeline([], {}).timeline).toEqual([]);
  });

  it('refuses a timeline with too many buckets', () => {
    expect(() => buildTimeline([], { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') }, 'day')).toThrow(/choose a shorter range/);
  });
});
