import type { BulkImportStart } from '@call-assist/shared';
import { useState, type FormEvent } from 'react';
import { getBulkImport, startBulkImport } from '../../api/bulk-imports';
import { ApiRequestError, errorMessage } from '../../api/http';
import { Button } from '../../ui/Button';
import { InlineError } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { toastSuccess } from '../../ui/toasts';
import { useImports } from './imports-store';

// The server has no endpoint listing its configured engines: offer every engine it knows, and show
// its answer when one is not configured here.
const ENGINE_OPTIONS = [
  { value: '', label: 'Default engine' },
  { value: 'local', label: 'Local (PocketSphinx)' },
  { value: 'deepgram', label: 'Deepgram' },
  { value: 'whisperlive', label: 'WhisperLive' },
];

type Field = 'customer_name' | 'source_url' | 'provider';

/** Starts a bulk import: whose recordings, where they are, which speech engine transcribes them. */
export function StartImportForm() {
  const upsert = useImports((state) => state.upsert);
  const toggle = useImports((state) => state.toggle);
  const [customer, setCustomer] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [provider, setProvider] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFieldErrors({});
    setFormError(undefined);
    try {
      const input: BulkImportStart = { customer_name: customer, source_url: sourceUrl, ...(provider && { provider: provider as BulkImportStart['provider'] }) };
      const started = await startBulkImport(input);
      toastSuccess(`Import for ${started.customer_name} started`);
      upsert(await getBulkImport(started.job_id, false));
      toggle(started.job_id, true);
      setCustomer('');
      setSourceUrl('');
    } catch (error) {
      const issues = error instanceof ApiRequestError ? error.issues : [];
      const byField: Partial<Record<Field, string>> = {};
      for (const issue of issues) if (issue.path === 'customer_name' || issue.path === 'source_url' || issue.path === 'provider') byField[issue.path] ??= fieldMessage(issue.path, issue.message);
      // An engine this server has not configured: the server's own words, at the engine field.
      if (error instanceof ApiRequestError && error.code === 'unknown_provider') byField.provider = capitalise(error.message);
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(`Could not start the import: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel import-form" aria-labelledby="start-import-title" onSubmit={(event) => void submit(event)} noValidate>
      <h2 id="start-import-title">Import a customer’s recordings</h2>
      <p className="muted-text small-text">Every audio file found at the address (a folder listing, a web page or a JSON API) becomes a call, transcribed and analysed.</p>
      <TextField label="Customer" value={customer} required maxLength={200} autoComplete="organization" error={fieldErrors.customer_name} onChange={(event) => setCustomer(event.target.value)} />
      <TextField
        label="Source URL"
        type="url"
        value={sourceUrl}
        required
        maxLength={2048}
        placeholder="https://archive.example.com/calls/"
        error={fieldErrors.source_url}
        onChange={(event) => setSourceUrl(event.target.value)}
      />
      <SelectField label="Speech engine" value={provider} options={ENGINE_OPTIONS} error={fieldErrors.provider} onChange={(event) => setProvider(event.target.value)} />
      <InlineError>{formError}</InlineError>
      <Button type="submit" variant="primary" busy={busy}>
        Start import
      </Button>
    </form>
  );
}

function fieldMessage(field: Field, message: string): string {
  if (field === 'customer_name') return 'Enter the customer’s name';
  if (field === 'source_url') return message.includes('http') ? 'Enter an http:// or https:// address' : `Source URL: ${message}`;
  return message;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
