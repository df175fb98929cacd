import type { CallDetail } from '@call-assist/shared';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/dates';
import { CATEGORY_LABELS, OBJECTION_LABELS, SENTIMENT_LABELS, labelOf } from '../../ui/domain-labels';
import { InlineError, Loading } from '../../ui/feedback';
import type { QuoteLocation } from './quote-lines';
import { segmentElementId } from './TranscriptPanel';
import { isCallOngoing } from './use-call-detail';

interface AnalysisPanelProps {
  detail: CallDetail;
  /** Where each objection's quote is in the transcript (same order as the objections). */
  quoteLocations: (QuoteLocation | undefined)[];
  onShowQuote(seq: number): void;
  /** Absent for a role that may not start an analysis (reps). */
  onReprocess: (() => void) | undefined;
  reprocessing: boolean;
}

/** What the analysis says about the call, or where the analysis is (waiting, running, failed and why). */
export function AnalysisPanel({ detail, quoteLocations, onShowQuote, onReprocess, reprocessing }: AnalysisPanelProps) {
  const { call, analysis } = detail;
  return (
    <section className="panel analysis" aria-labelledby="analysis-title" data-testid="analysis-panel">
      <h2 id="analysis-title">Analysis</h2>
      <AnalysisStatus detail={detail} onReprocess={onReprocess} reprocessing={reprocessing} />
      {analysis && (
        <div className={call.analysisStatus === 'completed' ? undefined : 'analysis-stale'}>
          <dl className="analysis-facts">
            <dt>Outcome</dt>
            <dd data-testid="analysis-category">
              <span className={`pill pill-${analysis.category}`}>{labelOf(CATEGORY_LABELS, analysis.category)}</span>
              <span className="confidence">
                <meter min={0} max={1} value={analysis.categoryConfidence} aria-label="Confidence" />
                {Math.round(analysis.categoryConfidence * 100)} % confident
              </span>
            </dd>
            <dt>Sentiment</dt>
            <dd>{labelOf(SENTIMENT_LABELS, analysis.sentiment)}</dd>
            {analysis.intent && (
              <>
                <dt>Intent</dt>
                <dd>{analysis.intent}</dd>
              </>
            )}
          </dl>
          {analysis.summary && (
            <>
              <h3>Summary</h3>
              <p className="analysis-summary">{analysis.summary}</p>
            </>
          )}
          <h3>Objections{analysis.objections.length > 0 && ` (${analysis.objections.length})`}</h3>
          {analysis.objections.length === 0 ? (
            <p className="muted-text">The caller raised no objection.</p>
          ) : (
            <ol className="objections" data-testid="objections">
              {analysis.objections.map((objection, index) => {
                const location = quoteLocations[index];
                return (
                  <li key={index} className="objection">
                    <div className="objection-head">
                      <strong>{labelOf(OBJECTION_LABELS, objection.type)}</strong>
                      <span className={objection.overcome ? 'status-ok' : 'status-bad'}>{objection.overcome ? '✓ Overcome' : '✗ Not overcome'}</span>
                    </div>
                    {location ? (
                      <a
                        className="objection-quote"
                        href={`#${segmentElementId(location.seq)}`}
                        aria-label={`Show in the transcript: “${objection.quote}”`}
                        onClick={(event) => {
                          event.preventDefault();
                          onShowQuote(location.seq);
                        }}
                      >
                        “{objection.quote}”
                      </a>
                    ) : (
                      <q className="objection-quote">{objection.quote}</q>
                    )}
                    {objection.how && <p className="objection-how">How: {objection.how}</p>}
                  </li>
                );
              })}
            </ol>
          )}
          <ListSection title="Action items" items={analysis.actionItems} />
          <ListSection title="Key points" items={analysis.keyPoints} />
          <p className="muted-text small-text analysis-by">
            Analysed by {analysis.analyzer} · {formatDateTime(analysis.updatedAt)}
          </p>
        </div>
      )}
    </section>
  );
}

function ListSection({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="analysis-list">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </>
  );
}

function AnalysisStatus({ detail, onReprocess, reprocessing }: { detail: CallDetail; onReprocess: (() => void) | undefined; reprocessing: boolean }) {
  const { call, analysis } = detail;
  switch (call.analysisStatus) {
    case 'pending':
      return (
        <>
          <Loading label={analysis ? 'Waiting to analyse the call again…' : 'Waiting for the analysis to start…'} />
          {/* A failed attempt that will be retried says so (e.g. "attempt 1 failed (…); retrying"). */}
          {call.analysisError && <p className="notice">{capitalise(call.analysisError)}</p>}
        </>
      );
    case 'processing':
      return <Loading label="Analysing the call…" />;
    case 'failed':
      return (
        <div className="request-error" data-testid="analysis-failed">
          <InlineError>The analysis failed: {call.analysisError ?? 'no reason was recorded'}.</InlineError>
          {onReprocess && (
            <Button onClick={onReprocess} busy={reprocessing}>
              Analyse again
            </Button>
          )}
        </div>
      );
    case 'none':
      return <p className="muted-text">{isCallOngoing(call) ? 'The call is still going; it is analysed when it ends.' : 'This call has not been analysed.'}</p>;
    case 'completed':
      return null;
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
