import { FINISHED_BULK_IMPORT_STATUSES, type BulkImportJobStatus } from '@call-assist/shared';
import { create } from 'zustand';
import { listBulkImports } from '../../api/bulk-imports';
import { toastError } from '../../ui/toasts';

/** Imports listed per page ("Show older imports" adds one). */
export const JOBS_PAGE_SIZE = 20;

export const isFinishedJob = (job: Pick<BulkImportJobStatus, 'status'>) => FINISHED_BULK_IMPORT_STATUSES.includes(job.status);

interface ImportsState {
  status: 'loading' | 'error' | 'done';
  error: unknown;
  jobs: BulkImportJobStatus[];
  total: number;
  loadingMore: boolean;
  /** The job whose files are open (the one just started opens by itself). */
  expanded: Set<string>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** A newer status of a job (from its event stream, a poll or an action); a new job goes first. */
  upsert(job: BulkImportJobStatus): void;
  toggle(jobId: string, open?: boolean): void;
}

/** Strips the file list: the list shows counts; files are read by the job's own table. */
const withoutFiles = ({ files: _files, ...job }: BulkImportJobStatus): BulkImportJobStatus => job;

export const useImports = create<ImportsState>()((set, get) => ({
  status: 'loading',
  error: undefined,
  jobs: [],
  total: 0,
  loadingMore: false,
  expanded: new Set(),
  async load() {
    set({ status: get().jobs.length ? 'done' : 'loading' });
    try {
      const page = await listBulkImports({ limit: JOBS_PAGE_SIZE, offset: 0 });
      set({ status: 'done', jobs: page.jobs.map(withoutFiles), total: page.total, error: undefined });
    } catch (error) {
      set({ status: 'error', error });
    }
  },
  async loadMore() {
    set({ loadingMore: true });
    try {
      const page = await listBulkImports({ limit: JOBS_PAGE_SIZE, offset: get().jobs.length });
      const known = new Set(get().jobs.map((job) => job.job_id));
      set({ jobs: [...get().jobs, ...page.jobs.filter((job) => !known.has(job.job_id)).map(withoutFiles)], total: page.total });
    } catch (error) {
      toastError('Could not load older imports', error);
    } finally {
      set({ loadingMore: false });
    }
  },
  upsert(job) {
    const jobs = get().jobs;
    const index = jobs.findIndex((existing) => existing.job_id === job.job_id);
    if (index === -1) {
      set({ jobs: [withoutFiles(job), ...jobs], total: get().total + 1 });
      return;
    }
    // Events can arrive out of order with a poll's answer: keep the newest.
    if (jobs[index]!.updated_at > job.updated_at) return;
    set({ jobs: jobs.map((existing, i) => (i === index ? withoutFiles(job) : existing)) });
  },
  toggle(jobId, open) {
    const expanded = new Set(get().expanded);
    if (open ?? !expanded.has(jobId)) expanded.add(jobId);
    else expanded.delete(jobId);
    set({ expanded });
  },
}));
