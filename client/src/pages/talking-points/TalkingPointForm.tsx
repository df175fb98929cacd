import type { Speaker } from '@call-assist/shared';
import type { FormEvent } from 'react';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { SelectField, TextAreaField, TextField, Toggle } from '../../ui/fields';
import type { Draft, FieldErrors } from './draft';
import { Backtest } from './Backtest';
import { PhraseChips } from './PhraseChips';

const SPEAKER_OPTIONS: { value: Speaker; label: string }[] = [
  { value: 'any', label: 'Either party' },
  { value: 'caller', label: 'Caller only' },
  { value: 'agent', label: 'Rep only' },
];

interface TalkingPointFormProps {
  heading: string;
  draft: Draft;
  onDraftChange(update: Partial<Draft>): void;
  pendingPhrase: string;
  onPendingPhraseChange(text: string): void;
  /** The phrases with the one still being typed, for the backtest. */
  backtestPhrases: string[];
  errors: FieldErrors;
  /** Errors that belong to no field (network, conflicts…). */
  formError: string | null;
  saving: boolean;
  onSubmit(): void;
  onCancel(): void;
}

export function TalkingPointForm(props: TalkingPointFormProps) {
  const { draft, onDraftChange, errors, saving } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form className="panel tp-form" onSubmit={submit} noValidate aria-labelledby="tp-form-title">
      <h2 id="tp-form-title" className="panel-title">
        {props.heading}
      </h2>
      <TextField label="Title" value={draft.title} maxLength={200} error={errors.title} onChange={(event) => onDraftChange({ title: event.target.value })} autoFocus />
      <TextAreaField
        label="What the rep sees"
        rows={3}
        value={draft.body}
        error={errors.body}
        hint="The card's text: an answer, a fact, a next step."
        onChange={(event) => onDraftChange({ body: event.target.value })}
      />
      <PhraseChips
        phrases={draft.phrases}
        onChange={(phrases) => onDraftChange({ phrases })}
        pending={props.pendingPhrase}
        onPendingChange={props.onPendingPhraseChange}
        error={errors.phrases}
      />
      <div className="form-grid">
        <SelectField label="Heard from" value={draft.speaker} options={SPEAKER_OPTIONS} error={errors.speaker} hint="Applies where the call has one channel per party." onChange={(event) => onDraftChange({ speaker: event.target.value as Speaker })} />
        <TextField
          label="Cooldown (seconds)"
          inputMode="decimal"
          value={draft.cooldownSeconds}
          error={errors.cooldown}
          placeholder="once per call"
          hint="Empty: at most once per call."
          onChange={(event) => onDraftChange({ cooldownSeconds: event.target.value })}
        />
        <TextField label="Priority" inputMode="numeric" value={draft.priority} error={errors.priority} hint="Higher shows first." onChange={(event) => onDraftChange({ priority: event.target.value })} />
      </div>
      <Toggle label="Enabled" checked={draft.enabled} onChange={(enabled) => onDraftChange({ enabled })} />
      <InlineError>{props.formError}</InlineError>
      <div className="row row-end">
        <Button onClick={props.onCancel} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={saving}>
          Save
        </Button>
      </div>
      <Backtest phrases={props.backtestPhrases} speaker={draft.speaker} />
    </form>
  );
}
