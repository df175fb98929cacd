import type { CallSegment, FiredCard, MutedSpan } from '@call-assist/shared';
import { formatAudioTime } from '../live-call/format';

interface CardTimelineProps {
  cards: FiredCard[];
  segments: CallSegment[];
  mutedSpans: MutedSpan[];
  durationMs: number;
  positionMs: number | undefined;
  canSeek: boolean;
  onSeek(ms: number): void;
}

const percentOf = (ms: number, durationMs: number) => `${Math.min(100, Math.max(0, (ms / durationMs) * 100)).toFixed(2)}%`;

/**
 * The call as a bar: speech as shaded spans, muted stretches hatched, each fired card as a marker
 * at its audio time (a button that plays from there), and the player's position.
 */
export function CardTimeline({ cards, segments, mutedSpans, durationMs, positionMs, canSeek, onSeek }: CardTimelineProps) {
  return (
    <div className="timeline" data-testid="card-timeline">
      <div className="timeline-track">
        {mutedSpans.map((span) => (
          <span
            key={`muted-${span.startMs}`}
            className="timeline-muted"
            title={`Muted ${formatAudioTime(span.startMs)}–${formatAudioTime(span.endMs ?? durationMs)}`}
            aria-hidden="true"
            style={{ left: percentOf(span.startMs, durationMs), width: percentOf((span.endMs ?? durationMs) - span.startMs, durationMs) }}
          />
        ))}
        {segments.map((segment) => (
          <span
            key={segment.seq}
            className="timeline-speech"
            aria-hidden="true"
            style={{ left: percentOf(segment.startMs, durationMs), width: percentOf(Math.max(segment.endMs - segment.startMs, durationMs / 400), durationMs) }}
          />
        ))}
        {positionMs !== undefined && <span className="timeline-playhead" aria-hidden="true" style={{ left: percentOf(positionMs, durationMs) }} />}
        {cards.map((card) => {
          const label = `“${card.title}” at ${formatAudioTime(card.audioMs)}`;
          return canSeek ? (
            <button
              key={card.id}
              type="button"
              className="timeline-marker"
              style={{ left: percentOf(card.audioMs, durationMs) }}
              aria-label={`Play from ${label}`}
              title={label}
              data-testid="timeline-marker"
              onClick={() => onSeek(card.audioMs)}
            />
          ) : (
            <span key={card.id} className="timeline-marker" style={{ left: percentOf(card.audioMs, durationMs) }} title={label} role="img" aria-label={label} data-testid="timeline-marker" />
          );
        })}
      </div>
      <div className="timeline-scale" aria-hidden="true">
        <span>0:00</span>
        <span>{formatAudioTime(durationMs)}</span>
      </div>
    </div>
  );
}
