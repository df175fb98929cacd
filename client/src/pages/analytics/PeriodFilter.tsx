import type { CallAnalyticsQuery } from '@call-assist/shared';
import { useEffect, useState } from 'react';
import { Button } from '../../ui/Button';
import { daysBefore, todayUtc } from '../../ui/dates';
import { SelectField, TextField } from '../../ui/fields';

const BUCKET_OPTIONS = [
  { value: '', label: 'Automatic' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
];

const PRESETS = [
  { label: 'Last 7 days', days: 7 },
  { label: 'Last 30 days', days: 30 },
  { label: 'Last 90 days', days: 90 },
];

/** The period the analytics cover (UTC days) and how the timeline groups it; every change applies at once. */
export function PeriodFilter({ query, onChange }: { query: CallAnalyticsQuery; onChange(query: CallAnalyticsQuery): void }) {
  const [draft, setDraft] = useState(query);
  useEffect(() => setDraft(query), [query.start_date, query.end_date, query.bucket]);
  const apply = (next: CallAnalyticsQuery) => {
    setDraft(next);
    onChange(next);
  };
  const start = draft.start_date?.slice(0, 10) ?? '';
  const end = draft.end_date?.slice(0, 10) ?? '';
  return (
    <form className="filters panel period-filter" role="search" aria-label="Period" onSubmit={(event) => event.preventDefault()}>
      <TextField label="From" type="date" value={start} max={end || undefined} onChange={(event) => apply({ ...draft, start_date: event.target.value || undefined })} />
      <TextField label="To" type="date" value={end} min={start || undefined} onChange={(event) => apply({ ...draft, end_date: event.target.value || undefined })} />
      <SelectField
        label="Group by"
        value={draft.bucket ?? ''}
        options={BUCKET_OPTIONS}
        onChange={(event) => apply({ ...draft, bucket: event.target.value === 'day' || event.target.value === 'week' ? event.target.value : undefined })}
      />
      <div className="filters-actions row row-wrap" role="group" aria-label="Quick periods">
        {PRESETS.map((preset) => (
          <Button key={preset.days} small onClick={() => apply({ ...draft, start_date: daysBefore(todayUtc(), preset.days - 1), end_date: todayUtc() })}>
            {preset.label}
          </Button>
        ))}
        <Button small onClick={() => apply({ bucket: draft.bucket })}>
          All time
        </Button>
      </div>
    </form>
  );
}
