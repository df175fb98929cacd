import { memo, useLayoutEffect, useRef, useState } from 'react';
import { formatAudioTime } from './format';
import type { LiveCallState, LivePartial } from './live-call-store';
import { SpeakerLabel } from './SpeakerLabel';

/** How close to the bottom (px) still counts as "at the bottom" (following the transcript). */
const BOTTOM_SLACK_PX = 32;

/**
 * Finals in solid text, each labelled with its speaker where the call says who is on its channel;
 * the utterances in progress (one per channel) in grey italics. Follows new text while the reader
 * is at the bottom; scrolling up pauses that until they return (or press "Latest").
 */
export function TranscriptView({ finals, partials, mutedSpans }: Pick<LiveCallState, 'finals' | 'partials' | 'mutedSpans'>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  // Scroll events caused by our own scrolling must not count as the reader scrolling up.
  const programmatic = useRef(false);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !following) return;
    programmatic.current = true;
    element.scrollTop = element.scrollHeight;
  }, [finals, partials, mutedSpans, following]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    if (programmatic.current) {
      programmatic.current = false;
      return;
    }
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
    setFollowing(atBottom);
  };

  const open = partials.filter((partial): partial is LivePartial => partial !== null && partial !== undefined && partial.text !== '');
  const empty = finals.length === 0 && open.length === 0;
  return (
    <div className="transcript-wrap">
      <div ref={scroller} className="transcript" role="log" aria-label="Live transcript" tabIndex={0} onScroll={onScroll}>
        {empty && <p className="transcript-empty">The transcript appears here as the call is heard.</p>}
        <FinalLines finals={finals} mutedSpans={mutedSpans} />
        {open
          .sort((a, b) => a.startMs - b.startMs)
          .map((partial) => (
            <p key={`partial-${partial.speaker ?? 'any'}`} className="transcript-line transcript-partial" aria-label="Provisional text">
              <span className="transcript-time">{formatAudioTime(partial.startMs)}</span>
              <SpeakerLabel speaker={partial.speaker} />
              <span className="transcript-text">{partial.text}</span>
            </p>
          ))}
      </div>
      {!following && (
        <button type="button" className="button button-small transcript-latest" onClick={() => setFollowing(true)}>
          ↓ Latest
        </button>
      )}
    </div>
  );
}

/** The finished lines and the muted stretches, in time order: re-rendered only when one arrives, not on every partial. */
const FinalLines = memo(function FinalLines({ finals, mutedSpans }: Pick<LiveCallState, 'finals' | 'mutedSpans'>) {
  const lines = [
    ...finals.map((line) => ({ at: line.startMs, node: <FinalLine key={`final-${line.seq}`} line={line} /> })),
    ...mutedSpans.map((span) => ({
      at: span.startMs,
      node: (
        <p key={`muted-${span.startMs}`} className="transcript-line transcript-muted">
          <span className="transcript-time">{formatAudioTime(span.startMs)}</span>
          <span className="transcript-text">{span.endMs === null ? 'Muted — nothing is transcribed' : `Muted until ${formatAudioTime(span.endMs)}`}</span>
        </p>
      ),
    })),
  ];
  return lines.sort((a, b) => a.at - b.at).map((line) => line.node);
});

function FinalLine({ line }: { line: LiveCallState['finals'][number] }) {
  return (
    <p className="transcript-line transcript-final">
      <span className="transcript-time">{formatAudioTime(line.startMs)}</span>
      <SpeakerLabel speaker={line.speaker} />
      <span className="transcript-text">{line.text}</span>
    </p>
  );
}
