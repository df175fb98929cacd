import type { CallSegment, MutedSpan } from '@call-assist/shared';
import { memo, useEffect, useRef } from 'react';
import { EmptyState } from '../../ui/feedback';
import { Highlight, type TextRange } from '../../ui/Highlight';
import { formatAudioTime } from '../live-call/format';
import { SpeakerLabel } from '../live-call/SpeakerLabel';

interface TranscriptPanelProps {
  segments: CallSegment[];
  /** Stretches the rep muted: shown in their place, silent in the recording. */
  mutedSpans: MutedSpan[];
  /** The line being heard (highlighted; kept in view while playing). */
  currentSeq: number | undefined;
  playing: boolean;
  /** Objection quotes to mark, per line. */
  quotes: Map<number, TextRange[]>;
  /** The line an objection's quote link pointed to: scrolled to, focused and outlined (again for each new request). */
  focus: FocusRequest | undefined;
  /** Seeking needs a recording; without one the lines are plain text. */
  canSeek: boolean;
  onSeek(ms: number): void;
  emptyMessage: string;
}

export interface FocusRequest {
  seq: number;
  /** A new number for each click, so the same line can be asked for twice. */
  request: number;
}

export const segmentElementId = (seq: number) => `segment-${seq}`;

/**
 * The transcript as lines: a click on a line (or Enter on its time) plays the recording from there;
 * the line being heard is highlighted and kept in view while playing, without moving the page.
 */
export function TranscriptPanel({ segments, mutedSpans, currentSeq, playing, quotes, focus, canSeek, onSeek, emptyMessage }: TranscriptPanelProps) {
  const scroller = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!playing || currentSeq === undefined) return;
    const container = scroller.current;
    const line = document.getElementById(segmentElementId(currentSeq));
    if (!container || !line || container.scrollHeight <= container.clientHeight) return;
    const top = line.offsetTop - container.offsetTop;
    if (top < container.scrollTop || top + line.offsetHeight > container.scrollTop + container.clientHeight) {
      container.scrollTo({ top: Math.max(0, top - container.clientHeight / 3), behavior: 'smooth' });
    }
  }, [currentSeq, playing]);

  useEffect(() => {
    if (!focus) return;
    const line = document.getElementById(segmentElementId(focus.seq));
    line?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    line?.focus({ preventScroll: true });
  }, [focus]);

  if (segments.length === 0 && mutedSpans.length === 0) return <EmptyState>{emptyMessage}</EmptyState>;
  const lines = [
    ...segments.map((segment) => ({
      at: segment.startMs,
      node: (
        <TranscriptLine
          key={segment.seq}
          segment={segment}
          current={segment.seq === currentSeq}
          focused={segment.seq === focus?.seq}
          quoteRanges={quotes.get(segment.seq)}
          canSeek={canSeek}
          onSeek={onSeek}
        />
      ),
    })),
    ...mutedSpans.map((span) => ({ at: span.startMs, node: <MutedLine key={`muted-${span.startMs}`} span={span} /> })),
  ];
  return (
    <ol className="review-transcript" ref={scroller} aria-label="Transcript">
      {lines.sort((a, b) => a.at - b.at).map((line) => line.node)}
    </ol>
  );
}

/** A stretch the rep muted: nothing was recorded or transcribed there. */
function MutedLine({ span }: { span: MutedSpan }) {
  const until = span.endMs === null ? 'the end' : formatAudioTime(span.endMs);
  return (
    <li className="review-line review-line-muted" data-testid="muted-span">
      <span className="review-line-time">{formatAudioTime(span.startMs)}</span>
      <span className="review-line-text">Muted by the rep until {until}: silent in the recording, not transcribed</span>
    </li>
  );
}

const TranscriptLine = memo(function TranscriptLine({
  segment,
  current,
  focused,
  quoteRanges,
  canSeek,
  onSeek,
}: {
  segment: CallSegment;
  current: boolean;
  focused: boolean;
  quoteRanges: TextRange[] | undefined;
  canSeek: boolean;
  onSeek(ms: number): void;
}) {
  const time = formatAudioTime(segment.startMs);
  const classes = ['review-line', current && 'review-line-current', focused && 'review-line-focused', quoteRanges && 'review-line-quoted', canSeek && 'review-line-seekable'];
  return (
    <li
      id={segmentElementId(segment.seq)}
      className={classes.filter(Boolean).join(' ')}
      aria-current={current || undefined}
      tabIndex={-1}
      data-testid="transcript-line"
      // The time button is the keyboard's way in; the whole line is a bigger target for the mouse.
      onClick={canSeek ? (event) => !window.getSelection()?.toString() && !(event.target as HTMLElement).closest('button') && onSeek(segment.startMs) : undefined}
    >
      {canSeek ? (
        <button type="button" className="review-line-time" aria-label={`Play from ${time}`} onClick={() => onSeek(segment.startMs)}>
          {time}
        </button>
      ) : (
        <span className="review-line-time">{time}</span>
      )}
      <SpeakerLabel speaker={segment.speaker} />
      <span className="review-line-text">
        <Highlight text={segment.text} ranges={quoteRanges ?? []} />
      </span>
    </li>
  );
});
