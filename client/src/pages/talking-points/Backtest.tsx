import type { BacktestResult, Speaker } from '@call-assist/shared';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { backtestPhrases } from '../../api/talking-points';
import { ApiRequestError, errorMessage } from '../../api/http';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { Highlight } from '../../ui/Highlight';
import { formatAudioTime } from '../live-call/format';

/** How many past calls a backtest from the form scans (newest first). */
const CALLS_TO_SCAN = 200;

const OUTCOMES: Record<string, string> = { consult_scheduled: 'consult booked', consult_not_scheduled: 'not booked', other_question: 'other question' };
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/**
 * "Backtest": where the form's phrases would have fired on past calls (the server runs the live
 * matcher over their transcripts): counts, and snippets with the match highlighted.
 */
export function Backtest({ phrases, speaker }: { phrases: string[]; speaker: Speaker }) {
  const [result, setResult] = useState<{ data: BacktestResult; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const key = JSON.stringify([phrases, speaker]);

  const run = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    try {
      const data = await backtestPhrases({ phrases, speaker, limit_calls: CALLS_TO_SCAN }, controller.signal);
      setResult({ data, key });
    } catch (failure) {
      if (controller.signal.aborted) return;
      setError(failure instanceof ApiRequestError && failure.code === 'invalid_body' ? 'Add a phrase with a letter or a digit first.' : `The backtest failed: ${errorMessage(failure)}`);
    } finally {
      if (!controller.signal.aborted) setRunning(false);
    }
  };

  return (
    <section className="backtest" aria-labelledby="backtest-title">
      <div className="row row-wrap backtest-header">
        <h3 id="backtest-title">Backtest on past calls</h3>
        <Button small onClick={() => void run()} busy={running} disabled={phrases.length === 0}>
          {result ? 'Run again' : 'Backtest'}
        </Button>
      </div>
      {phrases.length === 0 && <p className="field-hint">Add a phrase to see where it would have fired.</p>}
      <InlineError>{error}</InlineError>
      {result && <BacktestSummary result={result.data} stale={result.key !== key} />}
    </section>
  );
}

function BacktestSummary({ result, stale }: { result: BacktestResult; stale: boolean }) {
  return (
    <div className={`backtest-result${stale ? ' backtest-stale' : ''}`} aria-live="polite" data-testid="backtest-result">
      {stale && <p className="notice">The phrases changed since this ran: run it again.</p>}
      <p>
        Heard in <strong>{result.calls_matched}</strong> of {result.calls_scanned} past {plural(result.calls_scanned, 'call', 'calls')} ({result.total_hits}{' '}
        {plural(result.total_hits, 'time', 'times')}); a card would have shown in <strong>{result.calls_fired}</strong>.
      </p>
      <ul className="chip-list" aria-label="Occurrences per phrase">
        {Object.entries(result.hits_per_phrase).map(([phrase, count]) => (
          <li key={phrase} className="chip chip-static">
            {phrase}: {count}
          </li>
        ))}
      </ul>
      {result.matched_calls_analysed > 0 && (
        <p className="muted-text small-text">
          Consult booked in {percent(result.matched_calls_scheduled_share)} of these calls (analysed: {result.matched_calls_analysed}), against{' '}
          {percent(result.scanned_calls_scheduled_share)} of all analysed calls.
        </p>
      )}
      <ol className="backtest-calls">
        {result.matches.map((call) => (
          <li key={call.call_id}>
            <p className="backtest-call-title">
              <Link href={`/calls/${call.call_id}`}>{call.call_title ?? new Date(call.started_at ?? call.created_at).toLocaleString()}</Link>
              <span className="muted-text small-text">
                {' '}
                · {call.hit_count} {plural(call.hit_count, 'time', 'times')}
                {call.outcome && ` · ${OUTCOMES[call.outcome] ?? call.outcome}`}
              </span>
            </p>
            <ul className="backtest-hits">
              {call.hits.map((hit) => (
                <li key={`${hit.segment_seq}-${hit.match_start}-${hit.phrase}`}>
                  <span className="transcript-time">{formatAudioTime(hit.start_ms)}</span>
                  <span className="backtest-snippet">
                    <Highlight text={hit.snippet} ranges={[{ start: hit.match_start, end: hit.match_end }]} />
                  </span>
                  {hit.fired && <span className="tag">card</span>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
