import { useId, useState, type KeyboardEvent } from 'react';

interface ChipsFieldProps {
  label: string;
  values: string[];
  onChange(values: string[]): void;
  /** Text typed but not yet added; the owner adds it on save so it is not silently lost. */
  pending: string;
  onPendingChange(text: string): void;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  /** What one value is called in announcements and button names, e.g. "tag". */
  noun: string;
  /** Shown instead of the hint, with the field marked invalid. */
  error?: string | undefined;
}

/** Adds comma- or line-separated text to the list; blanks and case-insensitive repeats are dropped. */
export function addChips(current: string[], text: string): string[] {
  const next = [...current];
  for (const part of text.split(/[,\n]/)) {
    const value = part.trim().replace(/\s+/g, ' ');
    if (value && !next.some((existing) => existing.toLowerCase() === value.toLowerCase())) next.push(value);
  }
  return next;
}

/** Values as chips: type and press Enter (or comma) to add, × or Backspace to remove. */
export function ChipsField({ label, values, onChange, pending, onPendingChange, hint, placeholder, maxLength, noun, error }: ChipsFieldProps) {
  const id = useId();
  const [announcement, setAnnouncement] = useState('');
  const commit = () => {
    if (!pending.trim()) return;
    const next = addChips(values, pending);
    onChange(next);
    onPendingChange('');
    setAnnouncement(next.length > values.length ? `Added ${next.slice(values.length).join(', ')}` : `That ${noun} is already there`);
  };
  const remove = (value: string) => {
    onChange(values.filter((v) => v !== value));
    setAnnouncement(`Removed ${value}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && pending === '' && values.length > 0) {
      remove(values.at(-1)!);
    }
  };
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="chips" role="group" aria-label={`${label}: added`}>
        <ul className="chip-list">
          {values.map((value) => (
            <li key={value} className="chip">
              <span>{value}</span>
              <button type="button" className="chip-remove" aria-label={`Remove ${noun} "${value}"`} onClick={() => remove(value)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          className="chip-input"
          value={pending}
          maxLength={maxLength}
          placeholder={placeholder}
          aria-describedby={error || hint ? `${id}-note` : undefined}
          aria-invalid={Boolean(error) || undefined}
          onChange={(event) => onPendingChange(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={commit}
          onPaste={(event) => {
            // A pasted list ("a, b, c") becomes chips at once.
            const text = event.clipboardData.getData('text');
            if (!/[,\n]/.test(text)) return;
            event.preventDefault();
            onChange(addChips(values, pending + text));
            onPendingChange('');
          }}
        />
      </div>
      {error ? (
        <p className="field-error" id={`${id}-note`} role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p className="field-hint" id={`${id}-note`}>
            {hint}
          </p>
        )
      )}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
