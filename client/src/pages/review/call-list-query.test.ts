import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, hasFilters, searchFromView, viewFromSearch } from './call-list-query';

describe('call list view in the URL', () => {
  it('reads filters and paging from the query and writes them back the same', () => {
    const search = 'q=is+it+safe&category=consult_scheduled&objection=cost-value&tag=vip&start_date=2026-03-01&end_date=2026-03-31&limit=10&skip=20';
    const view = viewFromSearch(search);
    expect(view).toEqual({ q: 'is it safe', category: 'consult_scheduled', objection: 'cost-value', tag: 'vip', start_date: '2026-03-01', end_date: '2026-03-31', limit: 10, skip: 20 });
    expect(searchFromView(view)).toBe(search);
    expect(hasFilters(view)).toBe(true);
  });

  it('drops values the API would refuse and leaves defaults out of the URL', () => {
    const view = viewFromSearch('category=booked&objection=&start_date=yesterday&limit=5000&skip=-1&q=%20%20');
    expect(view).toEqual({ limit: DEFAULT_PAGE_SIZE, skip: 0 });
    expect(searchFromView(view)).toBe('');
    expect(hasFilters(view)).toBe(false);
  });
});
