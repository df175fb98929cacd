import type { BulkImportJobStatus } from '@call-assist/shared';
import { useState } from 'react';
import { cancelBulkImport, retryFailedImports } from '../../api/bulk-imports';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/dates';
import { IMPORT_STATUS_LABELS } from '../../ui/domain-labels';
import { InlineError } from '../../ui/feedback';
import { ProgressBar } from '../../ui/ProgressBar';
import { toastError, toastSuccess } from '../../ui/toasts';
import { FileTable } from './FileTable';
import { isFinishedJob, useImports } from './imports-store';

const toneOf = (job: BulkImportJobStatus) =>
  job.status === 'failed' ? 'danger' : job.status === 'completed_with_errors' || job.status === 'cancelled' ? 'warning' : job.status === 'completed' ? 'success' : 'accent';

function progressText(job: BulkImportJobStatus): string {
  if (job.status === 'discovering') return 'Looking for recordings at the source…';
  const failed = job.failed_files ? `, ${job.failed_files} failed` : '';
  return `${job.processed_files} of ${job.total_files} ${job.total_files === 1 ? 'file' : 'files'} done${failed}`;
}

/** One import: where from, how far (live), what failed; its files on demand; retry and cancel. */
export function JobCard({ job }: { job: BulkImportJobStatus }) {
  const expanded = useImports((state) => state.expanded.has(job.job_id));
  const toggle = useImports((state) => state.toggle);
  const upsert = useImports((state) => state.upsert);
  const [busy, setBusy] = useState<'retry' | 'cancel'>();
  const finished = isFinishedJob(job);
  const titleId = `job-${job.job_id}`;

  const act = async (action: 'retry' | 'cancel') => {
    setBusy(action);
    try {
      if (action === 'retry') {
        const { retried_files, job: updated } = await retryFailedImports(job.job_id);
        upsert(updated);
        toastSuccess(`${retried_files} ${retried_files === 1 ? 'file runs' : 'files run'} again`);
      } else {
        upsert((await cancelBulkImport(job.job_id)).job);
        toastSuccess('Import cancelled');
      }
    } catch (error) {
      toastError(action === 'retry' ? 'Could not retry the failed files' : 'Could not cancel the import', error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <li className="panel job-card" aria-labelledby={titleId} data-testid="import-job" data-status={job.status}>
      <div className="job-head">
        <h3 id={titleId}>{job.customer_name}</h3>
        <span className={`status-chip status-${job.status}`}>{IMPORT_STATUS_LABELS[job.status]}</span>
      </div>
      <p className="job-source muted-text small-text">
        <span className="job-url">{job.source_url}</span> · started {formatDateTime(job.created_at)} · engine {job.provider ?? 'default'}
      </p>
      <ProgressBar label={`Progress of the import for ${job.customer_name}`} percent={job.progress_percentage} tone={toneOf(job)} />
      <p className="job-progress-text small-text" aria-live="polite">
        {progressText(job)}
      </p>
      {job.error && <InlineError>{job.error}</InlineError>}
      <div className="row row-wrap">
        <Button small aria-expanded={expanded} onClick={() => toggle(job.job_id)}>
          {expanded ? 'Hide files' : 'Show files'}
        </Button>
        {finished && (job.failed_files > 0 || job.status === 'cancelled') && (
          <Button small busy={busy === 'retry'} onClick={() => void act('retry')}>
            Retry failed files
          </Button>
        )}
        {!finished && (
          <Button small variant="danger" busy={busy === 'cancel'} onClick={() => void act('cancel')}>
            Cancel import
          </Button>
        )}
      </div>
      {expanded && <FileTable job={job} />}
    </li>
  );
}
