import { previewCards, RuleSet, type Speaker, type TalkingPointRule } from '@call-assist/shared';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { SelectField } from '../../ui/fields';
import { Highlight } from '../../ui/Highlight';

/** Who said the sentence; "any" = not known (mono audio), where the speaker filter cannot apply. */
const SAID_BY_OPTIONS: { value: Speaker; label: string }[] = [
  { value: 'any', label: 'Not known (mono audio)' },
  { value: 'caller', label: 'The caller' },
  { value: 'agent', label: 'The rep' },
];

/**
 * "Try a phrase": the cards the live matcher would show for a sentence, as it is typed — the
 * shared matcher over the saved talking points plus the one being edited.
 */
export function TryPhrase({ rules, draftId }: { rules: TalkingPointRule[]; draftId: string | null }) {
  const id = useId();
  const [text, setText] = useState('');
  const [speaker, setSpeaker] = useState<Speaker>('any');
  // Compiled once per change of the rules, not per keystroke.
  const ruleSet = useMemo(() => new RuleSet(0, rules), [rules]);
  const deferredText = useDeferredValue(text);
  const cards = useMemo(() => (deferredText.trim() ? previewCards(ruleSet, deferredText, speaker === 'any' ? undefined : speaker) : []), [ruleSet, deferredText, speaker]);
  return (
    <section className="panel try-phrase" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Try a phrase
      </h2>
      <div className="field">
        <label htmlFor={id}>Something a caller might say</label>
        <textarea id={id} rows={2} value={text} placeholder="e.g. Can I ask, is it safe?" onChange={(event) => setText(event.target.value)} />
      </div>
      <SelectField label="Said by" value={speaker} options={SAID_BY_OPTIONS} onChange={(event) => setSpeaker(event.target.value as Speaker)} fieldClassName="field-inline" />
      <div aria-live="polite" className="try-results" data-testid="try-results">
        {!deferredText.trim() ? null : cards.length === 0 ? (
          <p className="muted-text">No card would show.</p>
        ) : (
          <>
            <p className="muted-text">
              {cards.length === 1 ? '1 card would show:' : `${cards.length} cards would show, in this order:`}
            </p>
            <ol className="preview-list">
              {cards.map((card) => (
                <li key={card.talkingPointId} className="preview-card">
                  <strong>{card.title}</strong>
                  {card.talkingPointId === draftId && <span className="tag">this draft</span>}
                  <p className="preview-text">
                    <Highlight text={deferredText} ranges={[{ start: card.start, end: card.end }]} />
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
