import type { TalkingPoint, TalkingPointRule } from '@call-assist/shared';
import { useEffect, useMemo, useState } from 'react';
import { ApiRequestError, errorMessage } from '../../api/http';
import { useCan } from '../../auth/permissions';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { RequestView } from '../../ui/RequestView';
import { toastError, toastSuccess } from '../../ui/toasts';
import { addPhrases } from './PhraseChips';
import { draftOf, draftToInput, draftToRule, emptyDraft, fieldErrorsFromIssues, type Draft, type FieldErrors } from './draft';
import { TalkingPointForm } from './TalkingPointForm';
import { TalkingPointList } from './TalkingPointList';
import { matchesSearch, toInput, useTalkingPoints } from './talking-points-store';
import { TryPhrase } from './TryPhrase';

/** A field's error is the server's verdict on the old value: editing the field clears it. */
function withoutErrorsFor(errors: FieldErrors, update: Partial<Draft>): FieldErrors {
  const fieldOf: Record<keyof Draft, keyof FieldErrors> = { title: 'title', body: 'body', phrases: 'phrases', speaker: 'speaker', cooldownSeconds: 'cooldown', priority: 'priority', enabled: 'enabled' };
  const next = { ...errors };
  for (const key of Object.keys(update) as (keyof Draft)[]) delete next[fieldOf[key]];
  return next;
}

/** Id the unsaved new talking point has in previews. */
const NEW_DRAFT_ID = 'new-draft';

/** Talking-point admin: search the list, create, edit, enable/disable and delete; try phrases. Reps read the list and try phrases. */
export default function TalkingPointsPage() {
  const { status, error, items, load, save, remove } = useTalkingPoints();
  const canEdit = useCan('talking-points.edit');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [pendingPhrase, setPendingPhrase] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [toDelete, setToDelete] = useState<TalkingPoint | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    void load();
  }, [load]);

  const open = (point: TalkingPoint | null) => {
    setEditing(point?.id ?? NEW_DRAFT_ID);
    setDraft(point ? draftOf(point) : emptyDraft);
    setPendingPhrase('');
    setErrors({});
    setFormError(null);
  };
  const close = () => setEditing(null);

  const submit = async () => {
    const withPending = { ...draft, phrases: addPhrases(draft.phrases, pendingPhrase) };
    setDraft(withPending);
    setPendingPhrase('');
    const converted = draftToInput(withPending);
    if (converted.errors) {
      setErrors(converted.errors);
      return;
    }
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const saved = await save(editing === NEW_DRAFT_ID ? null : editing, converted.input);
      toastSuccess(`Saved “${saved.title}”`);
      close();
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.issues.length > 0) {
        const { fields, other } = fieldErrorsFromIssues(failure.issues);
        setErrors(fields);
        setFormError(other.length ? other.join(' ') : null);
      } else {
        setFormError(`Could not save: ${errorMessage(failure)}`);
      }
    } finally {
      setSaving(false);
    }
  };

  const confirmDelete = async () => {
    if (!toDelete) return;
    setDeleting(true);
    try {
      await remove(toDelete.id);
      toastSuccess(`Deleted “${toDelete.title}”`);
      if (editing === toDelete.id) close();
      setToDelete(null);
    } catch (failure) {
      // Close the dialog so the toast can be read (a modal makes the rest of the page inert).
      setToDelete(null);
      toastError('Could not delete', failure);
      // Gone already (deleted elsewhere): the list is stale, so fetch it again.
      if (failure instanceof ApiRequestError && failure.status === 404) void load();
    } finally {
      setDeleting(false);
    }
  };

  const setEnabled = async (point: TalkingPoint, enabled: boolean) => {
    setBusyIds((ids) => new Set(ids).add(point.id));
    try {
      await save(point.id, toInput(point, { enabled }));
    } catch (failure) {
      toastError(`Could not ${enabled ? 'enable' : 'disable'} “${point.title}”`, failure);
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(point.id);
        return next;
      });
    }
  };

  // What is typed in the phrase box counts too: previews should not wait for Enter.
  const draftPhrases = useMemo(() => addPhrases(draft.phrases, pendingPhrase), [draft.phrases, pendingPhrase]);
  // Previews see the saved talking points with the one being edited replaced by its draft.
  const previewRules = useMemo<TalkingPointRule[]>(() => {
    const saved = items.filter((item) => item.id !== editing);
    return editing ? [...saved, draftToRule({ ...draft, phrases: draftPhrases }, editing)] : saved;
  }, [items, editing, draft, draftPhrases]);

  const visible = items.filter((item) => matchesSearch(item, search));
  const editedTitle = items.find((item) => item.id === editing)?.title;
  return (
    <div className="page tp-page">
      <div className="page-header">
        <h1>Talking points</h1>
        {canEdit ? (
          <Button variant="primary" onClick={() => open(null)} disabled={editing === NEW_DRAFT_ID}>
            New talking point
          </Button>
        ) : (
          <p className="muted-text small-text">What can come up on your calls. Managers and admins edit them.</p>
        )}
      </div>
      <div className={`tp-layout${editing ? ' tp-layout-editing' : ''}`}>
        <section className="tp-list-column" aria-label="Saved talking points">
          <TextField label="Search" type="search" value={search} placeholder="Title, text or phrase" onChange={(event) => setSearch(event.target.value)} fieldClassName="tp-search" />
          <RequestView request={status === 'error' ? { status: 'error', error } : status === 'ready' ? { status: 'done', data: items } : { status: 'loading' }} reload={() => void load()} loadingLabel="Loading talking points…">
            {() =>
              items.length === 0 ? (
                <EmptyState>
                  {canEdit ? 'No talking points yet. Create one: a title, what the rep should see, and the phrases that bring it up.' : 'No talking points yet. A manager or admin adds them.'}
                </EmptyState>
              ) : visible.length === 0 ? (
                <EmptyState>Nothing matches “{search}”.</EmptyState>
              ) : (
                <TalkingPointList points={visible} editingId={editing} busyIds={busyIds} editable={canEdit} onEdit={open} onDelete={setToDelete} onEnabledChange={(point, enabled) => void setEnabled(point, enabled)} />
              )
            }
          </RequestView>
        </section>
        <div className="tp-side-column">
          {editing && canEdit && (
            <TalkingPointForm
              key={editing}
              heading={editing === NEW_DRAFT_ID ? 'New talking point' : `Edit “${editedTitle ?? ''}”`}
              draft={draft}
              onDraftChange={(update) => {
                setDraft((current) => ({ ...current, ...update }));
                setErrors((current) => withoutErrorsFor(current, update));
              }}
              pendingPhrase={pendingPhrase}
              onPendingPhraseChange={setPendingPhrase}
              backtestPhrases={draftPhrases}
              errors={errors}
              formError={formError}
              saving={saving}
              onSubmit={() => void submit()}
              onCancel={close}
            />
          )}
          <TryPhrase rules={previewRules} draftId={editing} />
        </div>
      </div>
      <ConfirmDialog
        open={toDelete !== null}
        title="Delete this talking point?"
        message={toDelete ? `“${toDelete.title}” will no longer show on calls. Cards it already showed stay in past calls.` : ''}
        confirmLabel="Delete"
        busy={deleting}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      />
    </div>
  );
}
