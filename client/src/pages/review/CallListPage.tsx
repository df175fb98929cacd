// Placeholder for the review list: the next person replaces it with filters and pagination.
import { Link } from 'wouter';
import { listCalls } from '../../api/calls';
import { EmptyState } from '../../ui/feedback';
import { RequestView } from '../../ui/RequestView';
import { useRequest } from '../../ui/use-request';
import { formatAudioTime } from '../live-call/format';

export default function CallListPage() {
  const { reload, ...request } = useRequest((signal) => listCalls({ limit: 50 }, signal), []);
  return (
    <section className="page">
      <h1>Calls</h1>
      <RequestView request={request} reload={reload} loadingLabel="Loading calls…">
        {({ calls, total }) =>
          calls.length === 0 ? (
            <EmptyState>No calls yet. Calls appear here when they end.</EmptyState>
          ) : (
            <>
              <p className="muted-text">{total === calls.length ? `${total} calls` : `Newest ${calls.length} of ${total} calls`}</p>
              <ul className="simple-list">
                {calls.map((call) => (
                  <li key={call.id}>
                    <Link href={`/calls/${call.id}`}>{new Date(call.startedAt ?? call.createdAt).toLocaleString()}</Link>
                    <span className="muted-text">
                      {' '}
                      · {call.source} · {call.audioDurationMs != null ? formatAudioTime(call.audioDurationMs) : '–'} · {call.category ?? call.analysisStatus}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </RequestView>
    </section>
  );
}
