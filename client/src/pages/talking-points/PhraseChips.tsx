import { MAX_PHRASE_CHARS } from '@call-assist/shared';
import { useId, useState, type KeyboardEvent } from 'react';

interface PhraseChipsProps {
  phrases: string[];
  onChange(phrases: string[]): void;
  /** Text typed but not yet added; the form adds it on save so it is not silently lost. */
  pending: string;
  onPendingChange(text: string): void;
  error?: string | undefined;
}

/** Splits pasted or typed text on commas and new lines; drops blanks and repeats (case-insensitive). */
export function addPhrases(current: string[], text: string): string[] {
  const next = [...current];
  for (const part of text.split(/[,\n]/)) {
    const phrase = part.trim().replace(/\s+/g, ' ');
    if (phrase && !next.some((existing) => existing.toLowerCase() === phrase.toLowerCase())) next.push(phrase);
  }
  return next;
}

/** Trigger phrases as chips: type and press Enter (or comma) to add, × or Backspace to remove. */
export function PhraseChips({ phrases, onChange, pending, onPendingChange, error }: PhraseChipsProps) {
  const id = useId();
  const [announcement, setAnnouncement] = useState('');
  const commit = () => {
    if (!pending.trim()) return;
    const next = addPhrases(phrases, pending);
    onChange(next);
    onPendingChange('');
    setAnnouncement(next.length > phrases.length ? `Added ${next.slice(phrases.length).join(', ')}` : 'Already in the list');
  };
  const remove = (phrase: string) => {
    onChange(phrases.filter((p) => p !== phrase));
    setAnnouncement(`Removed ${phrase}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && pending === '' && phrases.length > 0) {
      remove(phrases.at(-1)!);
    }
  };
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Trigger phrases</label>
      <div className="chips" role="group" aria-label="Trigger phrases added">
        <ul className="chip-list">
          {phrases.map((phrase) => (
            <li key={phrase} className="chip">
              <span>{phrase}</span>
              <button type="button" className="chip-remove" aria-label={`Remove phrase "${phrase}"`} onClick={() => remove(phrase)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          className="chip-input"
          value={pending}
          maxLength={MAX_PHRASE_CHARS}
          placeholder={phrases.length ? 'Add a synonym…' : 'e.g. too expensive'}
          aria-describedby={`${id}-note`}
          aria-invalid={Boolean(error) || undefined}
          onChange={(event) => onPendingChange(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={commit}
          onPaste={(event) => {
            const text = event.clipboardData.getData('text');
            if (!/[,\n]/.test(text)) return;
            event.preventDefault();
            onChange(addPhrases(phrases, pending + text));
            onPendingChange('');
          }}
        />
      </div>
      {error ? (
        <p className="field-error" id={`${id}-note`} role="alert">
          {error}
        </p>
      ) : (
        <p className="field-hint" id={`${id}-note`}>
          Press Enter to add. Several phrases are synonyms: any of them shows the card once.
        </p>
      )}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
