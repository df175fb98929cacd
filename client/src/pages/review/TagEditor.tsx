import type { CallRecord } from '@call-assist/shared';
import { useState } from 'react';
import { setCallTags } from '../../api/call-review';
import { errorMessage } from '../../api/http';
import { Button } from '../../ui/Button';
import { addChips, ChipsField } from '../../ui/ChipsField';
import { InlineError } from '../../ui/feedback';
import { toastSuccess } from '../../ui/toasts';

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * The call's tags as editable chips. Saving replaces the analysis' tags with these; "Use the
 * analysis' tags" drops the override.
 */
export function TagEditor({ call, onSaved }: { call: CallRecord; onSaved(call: CallRecord): void }) {
  const [tags, setTags] = useState(call.tags);
  const [pending, setPending] = useState('');
  const [saving, setSaving] = useState<'save' | 'reset' | undefined>();
  const [error, setError] = useState<string>();
  const edited = call.tagsOverride !== null;

  const save = async (next: string[] | null) => {
    setSaving(next === null ? 'reset' : 'save');
    setError(undefined);
    try {
      const saved = await setCallTags(call.id, next);
      setTags(saved.tags);
      setPending('');
      onSaved(saved);
      toastSuccess(next === null ? 'Tags reset to the analysis’ tags' : 'Tags saved');
    } catch (failure) {
      setError(`Could not save the tags: ${errorMessage(failure)}`);
    } finally {
      setSaving(undefined);
    }
  };
  const withPending = addChips(tags, pending);
  return (
    <section className="panel tag-editor" aria-labelledby="tags-title">
      <h2 id="tags-title">
        Tags {edited && <span className="tag">edited</span>}
      </h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(withPending);
        }}
      >
        <ChipsField
          label="Tags on this call"
          noun="tag"
          values={tags}
          onChange={setTags}
          pending={pending}
          onPendingChange={setPending}
          maxLength={40}
          placeholder={tags.length ? 'Add a tag…' : 'e.g. follow-up'}
          hint={edited ? 'Your tags replace the analysis’ tags.' : call.tags.length ? 'From the analysis. Edit and save to replace them.' : 'Tags make calls easy to find in the list.'}
        />
        <InlineError>{error}</InlineError>
        <div className="row row-wrap">
          <Button type="submit" variant="primary" busy={saving === 'save'} disabled={sameTags(withPending, call.tags)}>
            Save tags
          </Button>
          {edited && (
            <Button busy={saving === 'reset'} onClick={() => void save(null)}>
              Use the analysis’ tags
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}

/** The call's tags for a role that may not change them. */
export function CallTags({ tags }: { tags: string[] }) {
  return (
    <section className="panel tag-editor" aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      {tags.length ? (
        <ul className="chip-list" aria-label="Tags on this call">
          {tags.map((tag) => (
            <li key={tag} className="chip chip-static">
              {tag}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted-text">No tags.</p>
      )}
    </section>
  );
}
