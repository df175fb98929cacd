import { z } from 'zod';

export const BULK_IMPORT_STATUSES = [
  'discovering',
  'downloading',
  'converting',
  'transcribing',
  'analyzing',
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
] as const;
export type BulkImportStatus = (typeof BULK_IMPORT_STATUSES)[number];

/** A job in one of these states changes no more (except through retry-failed). */
export const FINISHED_BULK_IMPORT_STATUSES: readonly BulkImportStatus[] = ['completed', 'completed_with_errors', 'failed', 'cancelled'];

export const BULK_IMPORT_FILE_STATUSES = ['pending', 'downloading', 'converting', 'transcribing', 'analyzing', 'completed', 'failed', 'cancelled'] as const;
export type BulkImportFileStatus = (typeof BULK_IMPORT_FILE_STATUSES)[number];

/** Body of `POST /api/bulk-import/start`. */
export const bulkImportStartSchema = z.strictObject({
  customer_name: z.string().trim().min(1).max(200),
  source_url: z
    .string()
    .trim()
    .max(2048)
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http:// or https:// URL'),
  /** Speech engine for these recordings; one of the configured engines (default: the first). */
  provider: z.enum(['local', 'deepgram', 'whisperlive']).optional(),
});
export type BulkImportStart = z.input<typeof bulkImportStartSchema>;

export interface BulkImportStarted {
  success: true;
  job_id: string;
  customer_name: string;
  /** Where the originals are stored: `customer-<slug>` (analysis JSON under `customer-<slug>-analysis`). */
  storage_bucket_name: string;
  message: string;
}

export interface BulkImportFile {
  id: string;
  url: string;
  name: string;
  status: BulkImportFileStatus;
  error?: string;
  call_id?: string;
  bytes?: number;
  format?: string;
  duration_ms?: number;
  attempts: number;
  updated_at: string;
}

/** `GET /api/bulk-import/status/:job_id`, each item of `GET /api/bulk-import/jobs`, and each progress event. */
export interface BulkImportJobStatus {
  job_id: string;
  status: BulkImportStatus;
  customer_name: string;
  source_url: string;
  provider: string | null;
  storage_bucket_name: string;
  total_files: number;
  /** Files finished, successfully or not (failed_files of them failed). */
  processed_files: number;
  failed_files: number;
  progress_percentage: number;
  /** Why the whole job failed (e.g. nothing found at the source). */
  error?: string;
  created_at: string;
  updated_at: string;
  files?: BulkImportFile[];
}

export interface BulkImportJobList {
  jobs: BulkImportJobStatus[];
  total: number;
  limit: number;
  offset: number;
}

export const bulkImportListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
