import { callListQuerySchema } from '@call-assist/shared';
import type { CallListFilters } from '../../api/calls';
import { toSearchParams } from '../../api/query';

/** Calls per page unless the URL says otherwise. */
export const DEFAULT_PAGE_SIZE = 25;

/** The filters the list's URL can carry (the rep filter joins them once calls have reps). */
const FILTER_KEYS = ['q', 'category', 'objection', 'tag', 'start_date', 'end_date'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type CallListView = Pick<CallListFilters, FilterKey> & { limit: number; skip: number };

/**
 * The list's view from the URL's query (what a shared link reproduces). Each value is checked with
 * the API's own schema; one the API would refuse is dropped rather than breaking the page.
 */
export function viewFromSearch(search: string): CallListView {
  const params = new URLSearchParams(search);
  const shape = callListQuerySchema.shape;
  const view: CallListView = { limit: DEFAULT_PAGE_SIZE, skip: 0 };
  for (const key of FILTER_KEYS) {
    const parsed = shape[key].safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) Object.assign(view, { [key]: parsed.data });
  }
  const limit = shape.limit.safeParse(params.get('limit') ?? undefined);
  if (limit.success && params.has('limit')) view.limit = limit.data;
  const skip = shape.skip.safeParse(params.get('skip') ?? undefined);
  if (skip.success) view.skip = skip.data;
  return view;
}

/** The URL query for a view: only what differs from the defaults, in a stable order. */
export function searchFromView(view: CallListView): string {
  const values: Record<string, string | number | undefined> = {};
  for (const key of FILTER_KEYS) values[key] = view[key];
  if (view.limit !== DEFAULT_PAGE_SIZE) values.limit = view.limit;
  if (view.skip > 0) values.skip = view.skip;
  return toSearchParams(values).toString();
}

/** Whether any filter narrows the list (paging aside). */
export const hasFilters = (view: CallListView) => FILTER_KEYS.some((key) => view[key] !== undefined);
