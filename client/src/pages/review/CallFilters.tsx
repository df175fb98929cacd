import { callCategorySchema, objectionTypeSchema } from '@call-assist/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '../../ui/Button';
import { CATEGORY_LABELS, OBJECTION_LABELS } from '../../ui/domain-labels';
import { SelectField, TextField } from '../../ui/fields';
import { hasFilters, type CallListView, type FilterKey } from './call-list-query';

type Draft = Record<FilterKey, string>;

const draftOf = (view: CallListView): Draft => ({
  q: view.q ?? '',
  category: view.category ?? '',
  objection: view.objection ?? '',
  tag: view.tag ?? '',
  start_date: view.start_date?.slice(0, 10) ?? '',
  end_date: view.end_date?.slice(0, 10) ?? '',
});

const CATEGORY_OPTIONS = [{ value: '', label: 'Any category' }, ...callCategorySchema.options.map((value) => ({ value, label: CATEGORY_LABELS[value] }))];
const OBJECTION_OPTIONS = [{ value: '', label: 'Any objection' }, ...objectionTypeSchema.options.map((value) => ({ value, label: OBJECTION_LABELS[value] }))];

/**
 * The list's filters. Choices (selects, dates) apply at once; typed text applies on Enter or
 * "Apply". Every change goes to the URL, so the view can be shared as a link.
 */
export function CallFilters({ view, onApply }: { view: CallListView; onApply(filters: Partial<Draft>): void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const moreId = useId();
  const [moreOpen, setMoreOpen] = useState(() => ['category', 'objection', 'tag', 'start_date', 'end_date'].some((key) => view[key as FilterKey] !== undefined));
  // The URL is the truth: going back or following a link replaces what is in the form.
  useEffect(() => setDraft(draftOf(view)), [view.q, view.category, view.objection, view.tag, view.start_date, view.end_date]);

  const applyNow = (key: FilterKey, value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    onApply(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const activeMore = (['category', 'objection', 'tag', 'start_date', 'end_date'] as const).filter((key) => view[key] !== undefined).length;
  return (
    <form className="filters panel" role="search" aria-label="Filter calls" onSubmit={submit}>
      <TextField
        label="Search transcripts"
        type="search"
        value={draft.q}
        maxLength={200}
        placeholder="e.g. payment plan"
        fieldClassName="filters-search"
        onChange={(event) => setDraft({ ...draft, q: event.target.value })}
      />
      {/* In a narrow panel the other filters fold away behind this button; wide screens always show them. */}
      <Button small className="filters-toggle" aria-expanded={moreOpen} aria-controls={moreId} onClick={() => setMoreOpen(!moreOpen)}>
        {moreOpen ? 'Fewer filters' : activeMore ? `More filters (${activeMore} on)` : 'More filters'}
      </Button>
      <div id={moreId} className={`filters-more${moreOpen ? ' filters-more-open' : ''}`}>
        <SelectField label="Category" value={draft.category} options={CATEGORY_OPTIONS} onChange={(event) => applyNow('category', event.target.value)} />
        <SelectField label="Objection" value={draft.objection} options={OBJECTION_OPTIONS} onChange={(event) => applyNow('objection', event.target.value)} />
        <TextField label="From" type="date" value={draft.start_date} max={draft.end_date || undefined} onChange={(event) => applyNow('start_date', event.target.value)} />
        <TextField label="To" type="date" value={draft.end_date} min={draft.start_date || undefined} onChange={(event) => applyNow('end_date', event.target.value)} />
        <TextField label="Tag" value={draft.tag} maxLength={40} placeholder="e.g. botox" onChange={(event) => setDraft({ ...draft, tag: event.target.value })} />
        {/* Rep filter: calls have no rep until accounts arrive (a later issue). Then a "Rep" select goes
            here, backed by a `rep` query parameter in callListQuerySchema and the URL like the others. */}
      </div>
      <div className="filters-actions row">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        {hasFilters(view) && <Button onClick={() => onApply({ q: '', category: '', objection: '', tag: '', start_date: '', end_date: '' })}>Clear filters</Button>}
      </div>
    </form>
  );
}
