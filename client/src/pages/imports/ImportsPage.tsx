import { useEffect } from 'react';
import { Button } from '../../ui/Button';
import { EmptyState, InlineError, Loading } from '../../ui/feedback';
import { errorMessage } from '../../api/http';
import { JobCard } from './JobCard';
import { useImports } from './imports-store';
import { StartImportForm } from './StartImportForm';
import { UploadRecording } from './UploadRecording';
import { useLiveJobs } from './use-live-jobs';

/** Bringing recorded calls in: a customer's archive from the web, or one file from this computer. */
export default function ImportsPage() {
  const { status, error, jobs, total, loadingMore, load, loadMore } = useImports();
  useEffect(() => {
    void load();
  }, [load]);
  useLiveJobs();

  return (
    <section className="page imports-page">
      <div className="page-header">
        <h1>Imports</h1>
      </div>
      <div className="imports-layout">
        <div className="imports-forms">
          <StartImportForm />
          <UploadRecording />
        </div>
        <section className="imports-jobs" aria-labelledby="jobs-title">
          <h2 id="jobs-title">Import jobs</h2>
          {status === 'loading' && <Loading label="Loading imports…" />}
          {status === 'error' && (
            <div className="request-error">
              <InlineError>Could not load the imports: {errorMessage(error)}</InlineError>
              <Button onClick={() => void load()}>Try again</Button>
            </div>
          )}
          {status === 'done' && jobs.length === 0 && <EmptyState>No imports yet. Start one with the form.</EmptyState>}
          {jobs.length > 0 && (
            <ol className="job-list">
              {jobs.map((job) => (
                <JobCard key={job.job_id} job={job} />
              ))}
            </ol>
          )}
          {jobs.length < total && (
            <Button busy={loadingMore} onClick={() => void loadMore()}>
              Show older imports
            </Button>
          )}
        </section>
      </div>
    </section>
  );
}
