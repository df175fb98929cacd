import { useEffect, useRef } from 'react';
import { followJobProgress } from './job-progress';
import { isFinishedJob, useImports } from './imports-store';

/**
 * Browsers open at most six connections per server over HTTP/1.1, and every event stream keeps one:
 * the newest running jobs stream, the others are polled.
 */
const MAX_STREAMS = 3;

/** Keeps every running job of the list up to date while the page is open. */
export function useLiveJobs(): void {
  const jobs = useImports((state) => state.jobs);
  const upsert = useImports((state) => state.upsert);
  const followed = useRef(new Map<string, () => void>());

  const runningIds = jobs.filter((job) => !isFinishedJob(job)).map((job) => job.job_id);
  const key = runningIds.join(',');
  useEffect(() => {
    const running = new Set(runningIds);
    for (const [jobId, stop] of followed.current) {
      if (!running.has(jobId)) {
        stop();
        followed.current.delete(jobId);
      }
    }
    runningIds.forEach((jobId, index) => {
      if (!followed.current.has(jobId)) followed.current.set(jobId, followJobProgress(jobId, upsert, { stream: index < MAX_STREAMS }));
    });
  }, [key]);

  useEffect(() => {
    const current = followed.current;
    return () => {
      for (const stop of current.values()) stop();
      current.clear();
    };
  }, []);
}
