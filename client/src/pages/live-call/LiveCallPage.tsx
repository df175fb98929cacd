import { Link } from 'wouter';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { Toggle } from '../../ui/fields';
import { CallTimer } from './CallTimer';
import { CardList } from './CardList';
import { ConnectionBadge } from './ConnectionBadge';
import { LevelMeter } from './LevelMeter';
import { endCall, forgetSavedCall, giveCardFeedback, resetCall, resumeSavedCall, setCaptureSource, setMuted, startCall } from './live-call-controller';
import { isCallActive, useLiveCall, type CardFeedback } from './live-call-store';
import { SourcePicker } from './SourcePicker';
import { TranscriptView } from './TranscriptView';

const onCardFeedback = (cardId: string, feedback: CardFeedback) => void giveCardFeedback(cardId, feedback);

/** The rep's pane: start/end the call, hear-check, transcript and talking-point cards. */
export default function LiveCallPage() {
  // Everything but the level: the meter subscribes to that itself, so 10 updates a second redraw only it.
  const state = useLiveCall(
    useShallow(({ phase, attempt, provider, note, callId, finals, partials, mutedSpans, cards, muted, deviceLabel, callerLabel, channels, captureSource, resumable }) => ({
      phase,
      attempt,
      provider,
      note,
      callId,
      finals,
      partials,
      mutedSpans,
      callerLabel,
      channels,
      captureSource,
      cards,
      muted,
      deviceLabel,
      resumable,
    })),
  );
  const active = isCallActive(state.phase);
  const finished = state.phase === 'ended' || state.phase === 'failed';
  return (
    <div className="live-call">
      <section className="live-controls" aria-label="Call controls">
        <div className="row row-wrap">
          <ConnectionBadge phase={state.phase} attempt={state.attempt} />
          {active && <CallTimer />}
          {state.provider && active && <span className="muted-text">engine: {state.provider}</span>}
        </div>
        {state.resumable && state.phase === 'idle' && (
          <div className="notice resume-notice" role="status">
            <p>A call was in progress when this page was reloaded.</p>
            <div className="row row-wrap">
              <Button variant="primary" onClick={() => void resumeSavedCall()}>
                Resume the call
              </Button>
              <Button variant="ghost" onClick={forgetSavedCall}>
                Forget it
              </Button>
            </div>
          </div>
        )}
        {!active && !(state.resumable && state.phase === 'idle') && <SourcePicker source={state.captureSource} onChange={setCaptureSource} />}
        <div className="row row-wrap live-actions">
          {!active && !(state.resumable && state.phase === 'idle') && (
            <Button variant={finished ? 'secondary' : 'primary'} onClick={() => void startCall()}>
              {finished ? 'Start a new call' : 'Start call'}
            </Button>
          )}
          {active && (
            <Button variant="danger" onClick={() => void endCall()} busy={state.phase === 'ending'} disabled={state.phase === 'starting'}>
              End call
            </Button>
          )}
          {active && state.phase !== 'ending' && <Toggle label="Mute" checked={state.muted} onChange={setMuted} />}
        </div>
        {active && state.phase !== 'ending' && (
          <div className="live-levels">
            <div className="live-level">
              <LevelMeter channel={0} label="You" muted={state.muted} />
              <span className="muted-text small-text">{state.muted ? 'Muted: not sent or transcribed' : (state.deviceLabel ?? 'Microphone')}</span>
            </div>
            {state.channels === 2 ? (
              <div className="live-level">
                <LevelMeter channel={1} label="Caller" muted={false} />
                <span className="muted-text small-text">{state.callerLabel ?? 'Caller'}</span>
              </div>
            ) : (
              <p className="muted-text small-text hears-rep-only">Hearing you only: choose “Me + a browser tab” or “Me + another input” before a call to hear the caller too.</p>
            )}
          </div>
        )}
        {state.phase === 'reconnecting' && (
          <p className="notice" role="status">
            Connection lost — reconnecting to the same call. Audio is kept meanwhile.
          </p>
        )}
        {finished && (
          <div className={`call-summary${state.phase === 'failed' ? ' call-summary-failed' : ''}`}>
            {state.phase === 'failed' ? <InlineError>{state.note ?? 'The call could not continue.'}</InlineError> : <p>The call has ended.</p>}
            <div className="row row-wrap">
              {state.callId && (
                <Link href={`/calls/${state.callId}`} className="button button-primary">
                  Review this call →
                </Link>
              )}
              <Button variant="ghost" onClick={resetCall}>
                Clear
              </Button>
            </div>
          </div>
        )}
      </section>
      <div className="live-panels">
        <section className="panel live-transcript" aria-labelledby="transcript-title">
          <h2 id="transcript-title" className="panel-title">
            Transcript
          </h2>
          <TranscriptView finals={state.finals} partials={state.partials} mutedSpans={state.mutedSpans} />
        </section>
        <section className="panel live-cards" aria-labelledby="cards-title">
          <h2 id="cards-title" className="panel-title">
            Talking points {state.cards.length > 0 && <span className="count">{state.cards.length}</span>}
          </h2>
          <CardList cards={state.cards} onFeedback={onCardFeedback} />
        </section>
      </div>
    </div>
  );
}
