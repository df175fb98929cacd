import {
  BULK_IMPORT_FILE_STATUSES,
  BULK_IMPORT_STATUSES,
  type BulkImportFile,
  type BulkImportJobList,
  type BulkImportJobStatus,
  type BulkImportStart,
  type BulkImportStarted,
} from '@call-assist/shared';
import { z } from 'zod';
import { apiRequest } from './http';
import { toSearchParams } from './query';

const fileSchema = z.object({
  id: z.string(),
  url: z.string(),
  name: z.string(),
  status: z.enum(BULK_IMPORT_FILE_STATUSES),
  error: z.string().optional(),
  call_id: z.string().optional(),
  bytes: z.number().optional(),
  format: z.string().optional(),
  duration_ms: z.number().optional(),
  attempts: z.number(),
  updated_at: z.string(),
}) satisfies z.ZodType<BulkImportFile>;

export const jobStatusSchema = z.object({
  job_id: z.string(),
  status: z.enum(BULK_IMPORT_STATUSES),
  customer_name: z.string(),
  source_url: z.string(),
  provider: z.string().nullable(),
  storage_bucket_name: z.string(),
  total_files: z.number(),
  processed_files: z.number(),
  failed_files: z.number(),
  progress_percentage: z.number(),
  error: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  files: z.array(fileSchema).optional(),
}) satisfies z.ZodType<BulkImportJobStatus>;

const jobListSchema = z.object({ jobs: z.array(jobStatusSchema), total: z.number(), limit: z.number(), offset: z.number() }) satisfies z.ZodType<BulkImportJobList>;

const startedSchema = z.object({
  success: z.literal(true),
  job_id: z.string(),
  customer_name: z.string(),
  storage_bucket_name: z.string(),
  message: z.string(),
}) satisfies z.ZodType<BulkImportStarted>;

const jobPath = (jobId: string) => encodeURIComponent(jobId);

export const startBulkImport = (input: BulkImportStart): Promise<BulkImportStarted> => apiRequest('POST', '/api/bulk-import/start', startedSchema, { body: input });

export const listBulkImports = (page: { limit: number; offset: number }, signal?: AbortSignal): Promise<BulkImportJobList> =>
  apiRequest('GET', `/api/bulk-import/jobs?${toSearchParams(page)}`, jobListSchema, { signal });

/** A job's status, with its files when asked. */
export const getBulkImport = (jobId: string, includeFiles: boolean, signal?: AbortSignal): Promise<BulkImportJobStatus> =>
  apiRequest('GET', `/api/bulk-import/status/${jobPath(jobId)}${includeFiles ? '?include_files=true' : ''}`, jobStatusSchema, { signal });

/** Failed (and cancelled) files run again. */
export const retryFailedImports = (jobId: string): Promise<{ retried_files: number; job: BulkImportJobStatus }> =>
  apiRequest('POST', `/api/bulk-import/${jobPath(jobId)}/retry-failed`, z.object({ retried_files: z.number(), job: jobStatusSchema }));

export const cancelBulkImport = (jobId: string): Promise<{ job: BulkImportJobStatus }> =>
  apiRequest('POST', `/api/bulk-import/${jobPath(jobId)}/cancel`, z.object({ job: jobStatusSchema }));

/** The server-sent events stream of a job's progress. */
export const bulkImportEventsUrl = (jobId: string) => `/api/bulk-import/status/${jobPath(jobId)}/events`;

/** One event of that stream, parsed; undefined for anything else. */
export function parseJobEvent(data: string): BulkImportJobStatus | undefined {
  try {
    const parsed = jobStatusSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
