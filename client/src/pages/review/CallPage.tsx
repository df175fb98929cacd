// Placeholder for the call review page: the next person replaces it with the audio player,
// timeline and analysis panel. It shows what the live pane needs to link to: the call and its transcript.
import { Link, useParams } from 'wouter';
import { getCallOverview } from '../../api/calls';
import { EmptyState } from '../../ui/feedback';
import { RequestView } from '../../ui/RequestView';
import { useRequest } from '../../ui/use-request';
import { formatAudioTime } from '../live-call/format';

export default function CallPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { reload, ...request } = useRequest((signal) => getCallOverview(id, signal), [id]);
  return (
    <section className="page">
      <p>
        <Link href="/calls">← All calls</Link>
      </p>
      <h1>Call</h1>
      <RequestView request={request} reload={reload} loadingLabel="Loading the call…" notFoundMessage="There is no such call. It may have been deleted.">
        {({ call, segments, cards }) => (
          <>
            <dl className="facts">
              <dt>Status</dt>
              <dd data-testid="call-status">{call.status}</dd>
              <dt>Analysis</dt>
              <dd>{call.analysisStatus}</dd>
              {call.audioDurationMs != null && (
                <>
                  <dt>Length</dt>
                  <dd>{formatAudioTime(call.audioDurationMs)}</dd>
                </>
              )}
              <dt>Cards fired</dt>
              <dd>{cards.length}</dd>
            </dl>
            <h2>Transcript</h2>
            {segments.length === 0 ? (
              <EmptyState>No transcript yet.</EmptyState>
            ) : (
              <div className="transcript transcript-static" aria-label="Transcript">
                {segments.map((segment) => (
                  <p key={segment.seq} className="transcript-line transcript-final">
                    <span className="transcript-time">{formatAudioTime(segment.startMs)}</span>
                    <span className="transcript-text">{segment.text}</span>
                  </p>
                ))}
              </div>
            )}
          </>
        )}
      </RequestView>
    </section>
  );
}
