import type { BulkImportJobStatus } from '@call-assist/shared';
import { bulkImportEventsUrl, getBulkImport, parseJobEvent } from '../../api/bulk-imports';
import { isFinishedJob } from './imports-store';

/** How often a job is polled when its event stream cannot be used. */
export const POLL_INTERVAL_MS = 2000;

/**
 * Follows a running job's progress until it finishes: its server-sent events stream, or polling
 * when the stream fails (a proxy that buffers it, a dropped connection) or `stream` is false.
 * Returns a function that stops following.
 */
export function followJobProgress(jobId: string, onStatus: (job: BulkImportJobStatus) => void, { stream = true } = {}): () => void {
  let stopped = false;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const poll = async () => {
    try {
      const job = await getBulkImport(jobId, false);
      if (stopped) return;
      onStatus(job);
      if (isFinishedJob(job)) return;
    } catch {
      // A failed poll is tried again; the page keeps showing the last status.
    }
    if (!stopped) timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
  };

  if (stream && typeof EventSource !== 'undefined') {
    source = new EventSource(bulkImportEventsUrl(jobId));
    source.onmessage = (event: MessageEvent<string>) => {
      const job = parseJobEvent(event.data);
      if (!job || stopped) return;
      onStatus(job);
      // The server ends the stream after the last event; closing first stops EventSource reconnecting.
      if (isFinishedJob(job)) source?.close();
    };
    source.onerror = () => {
      if (stopped) return;
      source?.close();
      void poll();
    };
  } else {
    void poll();
  }

  return () => {
    stopped = true;
    source?.close();
    clearTimeout(timer);
  };
}
