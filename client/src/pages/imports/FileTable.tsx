import type { BulkImportFile, BulkImportJobStatus } from '@call-assist/shared';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { getBulkImport } from '../../api/bulk-imports';
import { errorMessage } from '../../api/http';
import { Button } from '../../ui/Button';
import { IMPORT_STATUS_LABELS } from '../../ui/domain-labels';
import { EmptyState, InlineError, Loading } from '../../ui/feedback';
import { formatAudioTime } from '../live-call/format';

/** Files are read again at most this often while the job moves (its events say when). */
const REFRESH_MIN_INTERVAL_MS = 1000;

const formatBytes = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** A job's files: what each is, where it got to, why it failed, and the call it became. */
export function FileTable({ job }: { job: BulkImportJobStatus }) {
  const [files, setFiles] = useState<BulkImportFile[]>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const lastRead = useRef(0);

  // Read again whenever the job's status changes (each event), but not more than once a second.
  useEffect(() => {
    const controller = new AbortController();
    const wait = Math.max(0, lastRead.current + REFRESH_MIN_INTERVAL_MS - Date.now());
    const timer = setTimeout(() => {
      lastRead.current = Date.now();
      getBulkImport(job.job_id, true, controller.signal).then(
        (status) => {
          setFiles(status.files ?? []);
          setError(undefined);
        },
        (failure: unknown) => !controller.signal.aborted && setError(failure),
      );
    }, wait);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [job.job_id, job.updated_at, job.status, job.processed_files, generation]);

  if (!files) {
    return error ? (
      <div className="request-error">
        <InlineError>Could not load the files: {errorMessage(error)}</InlineError>
        <Button onClick={() => setGeneration((n) => n + 1)}>Try again</Button>
      </div>
    ) : (
      <Loading label="Loading files…" />
    );
  }
  if (files.length === 0) return <EmptyState>{job.status === 'discovering' ? 'Looking for recordings at the source…' : 'No files were found.'}</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="data-table file-table" aria-label={`Files of the import for ${job.customer_name}`}>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col">Details</th>
            <th scope="col">Call</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.id} data-testid="import-file" data-status={file.status}>
              <th scope="row" className="file-name" title={file.url}>
                {file.name}
              </th>
              <td data-label="Status">
                {/* One box: on a narrow screen the cell is a "label: value" grid with one value. */}
                <div>
                  <span className={`status-chip status-${file.status}`}>{IMPORT_STATUS_LABELS[file.status]}</span>
                  {file.error && <p className="file-error">{file.error}</p>}
                </div>
              </td>
              <td data-label="Details" className="muted-text">
                {[file.format, file.duration_ms != null && formatAudioTime(file.duration_ms), file.bytes != null && formatBytes(file.bytes), file.attempts > 1 && `${file.attempts} attempts`]
                  .filter(Boolean)
                  .join(' · ') || '–'}
              </td>
              <td data-label="Call">{file.call_id ? <Link href={`/calls/${file.call_id}`} aria-label={`Open the call from ${file.name}`}>Open call</Link> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
