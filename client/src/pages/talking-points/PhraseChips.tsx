import { MAX_PHRASE_CHARS } from '@call-assist/shared';
import { addChips, ChipsField } from '../../ui/ChipsField';

interface PhraseChipsProps {
  phrases: string[];
  onChange(phrases: string[]): void;
  /** Text typed but not yet added; the form adds it on save so it is not silently lost. */
  pending: string;
  onPendingChange(text: string): void;
  error?: string | undefined;
}

/** Splits pasted or typed text on commas and new lines; drops blanks and repeats (case-insensitive). */
export const addPhrases = addChips;

/** Trigger phrases as chips: type and press Enter (or comma) to add, × or Backspace to remove. */
export function PhraseChips({ phrases, onChange, pending, onPendingChange, error }: PhraseChipsProps) {
  return (
    <ChipsField
      label="Trigger phrases"
      noun="phrase"
      values={phrases}
      onChange={onChange}
      pending={pending}
      onPendingChange={onPendingChange}
      maxLength={MAX_PHRASE_CHARS}
      placeholder={phrases.length ? 'Add a synonym…' : 'e.g. too expensive'}
      hint="Press Enter to add. Several phrases are synonyms: any of them shows the card once."
      error={error}
    />
  );
}
