// Placeholder for the analytics view: the next person replaces it with the charts.
import { getAnalysisStats } from '../../api/calls';
import { RequestView } from '../../ui/RequestView';
import { useRequest } from '../../ui/use-request';

const STATUS_LABELS: Record<string, string> = { pending: 'Waiting', processing: 'Analysing', completed: 'Analysed', failed: 'Failed' };

export default function AnalyticsPage() {
  const { reload, ...request } = useRequest((signal) => getAnalysisStats(signal), []);
  return (
    <section className="page">
      <h1>Analytics</h1>
      <h2>Call analysis</h2>
      <RequestView request={request} reload={reload}>
        {(stats) => (
          <dl className="facts">
            {Object.entries(STATUS_LABELS).map(([status, label]) => (
              <div key={status} className="fact">
                <dt>{label}</dt>
                <dd>{stats[status] ?? 0}</dd>
              </div>
            ))}
          </dl>
        )}
      </RequestView>
    </section>
  );
}
