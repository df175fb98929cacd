import type { CallDetail } from '@call-assist/shared';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'wouter';
import { callAudioUrl, reprocessCall } from '../../api/call-review';
import { ApiRequestError, errorMessage } from '../../api/http';
import { useCan } from '../../auth/permissions';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/dates';
import { ANALYSIS_STATUS_LABELS, CALL_STATUS_LABELS } from '../../ui/domain-labels';
import { InlineError, Loading } from '../../ui/feedback';
import type { TextRange } from '../../ui/Highlight';
import { toastError, toastSuccess } from '../../ui/toasts';
import { formatAudioTime } from '../live-call/format';
import { AnalysisPanel } from './AnalysisPanel';
import { CallActions } from './CallActions';
import { callName } from './CallTable';
import { CardTimeline } from './CardTimeline';
import { FiredCards } from './FiredCards';
import { locateQuotes, segmentAt } from './quote-lines';
import { CallTags, TagEditor } from './TagEditor';
import { TranscriptPanel, type FocusRequest } from './TranscriptPanel';
import { isCallOngoing, useCallDetail } from './use-call-detail';
import { usePlayback } from './use-playback';

export default function CallPage() {
  const { id = '' } = useParams<{ id: string }>();
  // Keyed: another call is a fresh page (its own polling, player and edits).
  return <CallReview key={id} callId={id} />;
}

function CallReview({ callId }: { callId: string }) {
  const { state, refresh, replace } = useCallDetail(callId);
  const [reprocessing, setReprocessing] = useState(false);

  const reprocess = useCallback(async () => {
    setReprocessing(true);
    try {
      await reprocessCall(callId);
      replace((detail) => ({ ...detail, call: { ...detail.call, analysisStatus: 'pending', analysisError: null } }));
      toastSuccess('The call will be analysed again');
      refresh();
    } catch (error) {
      toastError('Could not start the analysis', error);
    } finally {
      setReprocessing(false);
    }
  }, [callId, refresh, replace]);

  return (
    <section className="page call-page">
      <p className="back-link">
        <Link href="/calls">← All calls</Link>
      </p>
      {state.status === 'loading' && <Loading label="Loading the call…" />}
      {state.status === 'error' && (
        <div className="request-error">
          <h1>Call</h1>
          <InlineError>
            {state.error instanceof ApiRequestError && state.error.status === 404 ? 'There is no such call. It may have been deleted.' : errorMessage(state.error)}
          </InlineError>
          <Button onClick={refresh}>Try again</Button>
        </div>
      )}
      {state.status === 'done' && (
        <>
          {state.refreshError !== undefined && <p className="notice">Could not refresh the call ({errorMessage(state.refreshError)}); trying again.</p>}
          <CallView detail={state.data} replace={replace} onReprocess={() => void reprocess()} reprocessing={reprocessing} />
        </>
      )}
    </section>
  );
}

interface CallViewProps {
  detail: CallDetail;
  replace(update: (detail: CallDetail) => CallDetail): void;
  onReprocess(): void;
  reprocessing: boolean;
}

function CallView({ detail, replace, onReprocess, reprocessing }: CallViewProps) {
  const { call, segments, cards, analysis } = detail;
  // Reps review their calls; tagging, analysing again and deleting are for managers and admins.
  const canManage = useCan('calls.manage');
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  const { positionMs, playing, durationMs: playerDurationMs, seek } = usePlayback(audio);
  const [focus, setFocus] = useState<FocusRequest>();
  const canSeek = call.hasRecording;

  const quoteLocations = useMemo(() => locateQuotes(segments, analysis?.objections ?? []), [segments, analysis]);
  const quotes = useMemo(() => {
    const bySeq = new Map<number, TextRange[]>();
    for (const location of quoteLocations) if (location) bySeq.set(location.seq, [...(bySeq.get(location.seq) ?? []), ...location.ranges]);
    return bySeq;
  }, [quoteLocations]);
  const currentSeq = positionMs === undefined ? undefined : segmentAt(segments, positionMs)?.seq;
  // The timeline's length: the call's own, else the player's, else the last thing heard.
  const timelineMs = call.audioDurationMs || playerDurationMs || Math.max(1000, ...segments.map((s) => s.endMs), ...cards.map((c) => c.audioMs));
  const live = isCallOngoing(call);

  return (
    <>
      <header className="page-header call-header">
        <div>
          <h1>{callName(call)}</h1>
          <p className="muted-text call-meta">
            {formatDateTime(call.startedAt ?? call.createdAt)} · {call.source === 'live' ? 'Live call' : 'Imported recording'}
            {call.audioDurationMs != null && ` · ${formatAudioTime(call.audioDurationMs)}`} · <span data-testid="call-status">{CALL_STATUS_LABELS[call.status]}</span> ·{' '}
            <span data-testid="analysis-status">{ANALYSIS_STATUS_LABELS[call.analysisStatus]}</span>
          </p>
        </div>
        <CallActions call={call} canManage={canManage} onReprocess={onReprocess} reprocessing={reprocessing} />
      </header>

      <section className="panel player" aria-label="Recording">
        {call.hasRecording ? (
          // Not while live: the recording is still being written.
          live ? (
            <p className="muted-text">The recording can be played when the call ends.</p>
          ) : (
            <audio ref={setAudio} className="player-audio" controls preload="metadata" src={callAudioUrl(call.id)} aria-label="Call recording">
              Your browser cannot play this recording. <a href={callAudioUrl(call.id)}>Download it</a>.
            </audio>
          )
        ) : (
          <p className="muted-text">This call has no recording.</p>
        )}
        <CardTimeline cards={cards} segments={segments} mutedSpans={call.mutedSpans} durationMs={timelineMs} positionMs={positionMs} canSeek={canSeek && !live} onSeek={seek} />
      </section>

      <div className="call-columns">
        <section className="panel call-transcript" aria-labelledby="transcript-title">
          <h2 id="transcript-title">Transcript</h2>
          <TranscriptPanel
            segments={segments}
            mutedSpans={call.mutedSpans}
            currentSeq={currentSeq}
            playing={playing}
            quotes={quotes}
            focus={focus}
            canSeek={canSeek && !live}
            onSeek={seek}
            emptyMessage={live ? 'Nothing said yet.' : call.analysisStatus === 'pending' || call.analysisStatus === 'processing' ? 'The recording is being transcribed…' : 'This call has no transcript.'}
          />
        </section>
        <div className="call-side">
          <AnalysisPanel
            detail={detail}
            quoteLocations={quoteLocations}
            onShowQuote={(seq) => setFocus((previous) => ({ seq, request: (previous?.request ?? 0) + 1 }))}
            onReprocess={canManage ? onReprocess : undefined}
            reprocessing={reprocessing}
          />
          {canManage ? (
            <TagEditor key={JSON.stringify([call.tags, call.tagsOverride])} call={call} onSaved={(saved) => replace((current) => ({ ...current, call: { ...current.call, ...saved } }))} />
          ) : (
            <CallTags tags={call.tags} />
          )}
          <FiredCards cards={cards} canSeek={canSeek && !live} onSeek={seek} />
        </div>
      </div>
    </>
  );
}
