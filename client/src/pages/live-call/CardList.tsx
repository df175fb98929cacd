import { memo } from 'react';
import { Button } from '../../ui/Button';
import { Highlight } from '../../ui/Highlight';
import { phraseRanges } from '../../ui/phrase-ranges';
import { formatAudioTime, formatLatency } from './format';
import type { CardFeedback, LiveCard } from './live-call-store';

/** Talking-point cards, newest first; new ones are announced to screen readers. Redrawn only when the cards change. */
export const CardList = memo(function CardList({ cards, onFeedback }: { cards: LiveCard[]; onFeedback: (cardId: string, feedback: CardFeedback) => void }) {
  return (
    <section className="cards" aria-label="Talking points">
      <div aria-live="polite" aria-relevant="additions">
        {cards.length === 0 && <p className="cards-empty">Talking points appear here when their phrases are heard.</p>}
        <ol className="card-list">
          {cards.map((card) => (
            <li key={card.cardId}>
              <CardItem card={card} onFeedback={onFeedback} />
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
});

function CardItem({ card, onFeedback }: { card: LiveCard; onFeedback: (cardId: string, feedback: CardFeedback) => void }) {
  const inContext = card.context ? phraseRanges(card.context, card.phrase) : [];
  const titleId = `card-${card.cardId}`;
  return (
    <article className={`card${card.feedback ? ` card-${card.feedback}` : ''}`} aria-labelledby={titleId} data-card-id={card.cardId}>
      <header className="card-header">
        <h3 id={titleId}>{card.title}</h3>
        {card.feedback && <span className="card-feedback-label">{card.feedback === 'used' ? '✓ Used' : 'Dismissed'}</span>}
      </header>
      {card.feedback !== 'dismissed' && <p className="card-body">{card.body}</p>}
      <p className="card-heard">
        Heard{' '}
        <q className="card-context">
          {inContext.length > 0 ? <Highlight text={card.context} ranges={inContext} /> : <mark>{card.phrase}</mark>}
        </q>
      </p>
      <p className="card-meta">
        <span>at {formatAudioTime(card.audioMs)}</span>
        <span
          className="card-latency"
          title={`Shown ${formatLatency(card.audioToCardMs)} after the audio completing the phrase reached the server (${formatLatency(card.latencyMs)} after the transcript; from a ${card.source} transcript)`}
        >
          ⚡ {formatLatency(card.audioToCardMs)}
        </span>
        <span className="card-source">{card.source === 'partial' ? 'interim' : 'final'}</span>
      </p>
      <div className="row card-actions">
        <Button small variant={card.feedback === 'used' ? 'primary' : 'secondary'} aria-pressed={card.feedback === 'used'} onClick={() => onFeedback(card.cardId, 'used')} aria-label={`Mark "${card.title}" used`}>
          Used
        </Button>
        <Button small variant="ghost" aria-pressed={card.feedback === 'dismissed'} onClick={() => onFeedback(card.cardId, 'dismissed')} aria-label={`Dismiss "${card.title}"`}>
          Dismiss
        </Button>
      </div>
    </article>
  );
}
