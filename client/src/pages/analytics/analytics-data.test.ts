import { describe, expect, it } from 'vitest';
import { timelineSeries, topCounts } from './analytics-data';

describe('timelineSeries', () => {
  it('gives a row per bucket with zeros filled, and only the series that occur, in the given order', () => {
    const timeline = [
      { start: '2026-03-02', calls: 2, analysed: 2, categories: { other_question: 1, consult_scheduled: 1 }, objections: {} },
      { start: '2026-03-03', calls: 0, analysed: 0, categories: {}, objections: {} },
    ];
    const { rows, keys } = timelineSeries(timeline, 'categories', ['consult_scheduled', 'consult_not_scheduled', 'other_question']);
    expect(keys).toEqual(['consult_scheduled', 'other_question']);
    expect(rows.map(({ start, consult_scheduled, other_question }) => ({ start, consult_scheduled, other_question }))).toEqual([
      { start: '2026-03-02', consult_scheduled: 1, other_question: 1 },
      { start: '2026-03-03', consult_scheduled: 0, other_question: 0 },
    ]);
  });
});

describe('topCounts', () => {
  it('lists the largest first, ties by name, up to the limit', () => {
    expect(topCounts({ b: 2, a: 2, c: 5, d: 1 }, 3)).toEqual([
      { key: 'c', count: 5 },
      { key: 'a', count: 2 },
      { key: 'b', count: 2 },
    ]);
  });
});
