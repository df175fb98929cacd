import type { FiredCard } from '@call-assist/shared';
import { EmptyState } from '../../ui/feedback';
import { formatAudioTime, formatLatency } from '../live-call/format';

const FEEDBACK_LABELS = { used: '✓ Used', dismissed: 'Dismissed' } as const;

/** The talking-point cards the call fired, in call order, with what the rep did with them. */
export function FiredCards({ cards, canSeek, onSeek }: { cards: FiredCard[]; canSeek: boolean; onSeek(ms: number): void }) {
  return (
    <section className="panel" aria-labelledby="cards-title">
      <h2 id="cards-title">Cards fired {cards.length > 0 && <span className="count">{cards.length}</span>}</h2>
      {cards.length === 0 ? (
        <EmptyState>No talking point fired on this call.</EmptyState>
      ) : (
        <ol className="fired-cards" data-testid="fired-cards">
          {cards.map((card) => (
            <li key={card.id} className={`fired-card${card.feedback ? ` card-${card.feedback}` : ''}`}>
              <div className="card-header">
                <h3>{card.title}</h3>
                <span className="card-feedback-label">{card.feedback ? FEEDBACK_LABELS[card.feedback] : 'No feedback'}</span>
              </div>
              <p className="card-heard">
                Heard “{card.phrase}” at{' '}
                {canSeek ? (
                  <button type="button" className="link-button" aria-label={`Play from ${formatAudioTime(card.audioMs)} (“${card.title}”)`} onClick={() => onSeek(card.audioMs)}>
                    {formatAudioTime(card.audioMs)}
                  </button>
                ) : (
                  formatAudioTime(card.audioMs)
                )}
                <span className="muted-text"> · shown {formatLatency(card.audioToCardMs)} after the words arrived</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
