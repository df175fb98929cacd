import { useLocation, useSearch } from 'wouter';
import { listCalls } from '../../api/calls';
import { useCan } from '../../auth/permissions';
import { EmptyState } from '../../ui/feedback';
import { Pagination } from '../../ui/Pagination';
import { RequestView } from '../../ui/RequestView';
import { useRequest } from '../../ui/use-request';
import { CallFilters } from './CallFilters';
import { hasFilters, searchFromView, viewFromSearch, type CallListView } from './call-list-query';
import { CallTable } from './CallTable';

/** Past calls, newest first: filters and page in the URL, so a link reproduces the view. */
export default function CallListPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const canImport = useCan('calls.import');
  const seesAllCalls = useCan('calls.all');
  const view = viewFromSearch(search);
  const canonical = searchFromView(view);
  const { reload, ...request } = useRequest((signal) => listCalls(view, signal), [canonical]);

  const show = (next: CallListView) => {
    const query = searchFromView(next);
    navigate(query ? `/calls?${query}` : '/calls');
  };
  // A new filter starts again from the first page.
  const applyFilters = (filters: Partial<Record<string, string>>) => {
    const next: CallListView = { limit: view.limit, skip: 0 };
    for (const [key, value] of Object.entries(filters)) if (value?.trim()) Object.assign(next, { [key]: value.trim() });
    show(viewFromSearch(searchFromView(next)));
  };

  return (
    <section className="page">
      <div className="page-header">
        <h1>{seesAllCalls ? 'Calls' : 'Your calls'}</h1>
      </div>
      <CallFilters view={view} onApply={applyFilters} />
      <RequestView request={request} reload={reload} loadingLabel="Loading calls…">
        {({ calls, total }) =>
          total === 0 ? (
            <EmptyState>{hasFilters(view) ? 'No calls match these filters.' : canImport ? 'No calls yet. Live calls appear here when they end; recordings can be added under Imports.' : 'No calls yet. Your live calls appear here when they end.'}</EmptyState>
          ) : calls.length === 0 ? (
            <EmptyState>
              This page is past the last call. <button type="button" className="link-button" onClick={() => show({ ...view, skip: 0 })}>Go to the first page</button>
            </EmptyState>
          ) : (
            <div className="call-results" data-testid="call-results">
              <Pagination skip={view.skip} limit={view.limit} total={total} noun={total === 1 ? 'call' : 'calls'} onPage={(skip) => show({ ...view, skip })} />
              <CallTable calls={calls} />
            </div>
          )
        }
      </RequestView>
    </section>
  );
}
