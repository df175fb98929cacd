import { bulkImportListQuerySchema, bulkImportStartSchema, FINISHED_BULK_IMPORT_STATUSES, type BulkImportJobStatus } from '@call-assist/shared';
import { CAN, orgScopeOf } from '../../auth/caller.js';
import type { BulkImports } from '../../imports/bulk/bulk-imports.js';
import { AppError } from '../../lib/errors.js';
import { isUuid, parseBody, type RequestInfo, type Router } from '../http.js';

export interface BulkImportRoutesDeps {
  bulkImports: BulkImports;
}

const scopeOf = (request: RequestInfo) => orgScopeOf(request.caller);

const notFound = () => new AppError('not_found', 'no such import job', 404);

function jobIdOf(request: RequestInfo): string {
  const id = request.params[0] ?? '';
  if (!isUuid(id)) throw notFound();
  return id;
}

const isFinished = (status: BulkImportJobStatus) => FINISHED_BULK_IMPORT_STATUSES.includes(status.status);

/** Bulk import of recorded calls from a web location, paths as the seed system has them. */
export function registerBulkImportRoutes(router: Router, { bulkImports }: BulkImportRoutesDeps): void {
  const access = CAN.importCalls;
  router.post('/api/bulk-import/start', async (request) => {
    const input = parseBody(bulkImportStartSchema, request.body);
    return { status: 202, body: await bulkImports.startImport(scopeOf(request), input) };
  }, access);

  router.get('/api/bulk-import/jobs', async (request) => {
    const parsed = bulkImportListQuerySchema.safeParse(Object.fromEntries(request.query));
    if (!parsed.success) throw new AppError('invalid_query', `invalid query: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { status: 200, body: await bulkImports.list(scopeOf(request), parsed.data.limit, parsed.data.offset) };
  }, access);

  router.get('/api/bulk-import/status/:job_id', async (request) => {
    const status = await bulkImports.status(scopeOf(request), jobIdOf(request), request.query.get('include_files') === 'true');
    if (!status) throw notFound();
    return { status: 200, body: status };
  }, access);

  // Live progress as server-sent events: the status now, then after every change, until the job ends.
  router.events('/api/bulk-import/status/:job_id/events', async (request) => {
    const scope = scopeOf(request);
    const jobId = jobIdOf(request);
    const first = await bulkImports.status(scope, jobId, false);
    if (!first) throw notFound();
    return {
      first,
      done: isFinished(first),
      subscribe: async (send) => {
        const unsubscribe = await bulkImports.watch(scope, jobId, (status) => send(status, isFinished(status)));
        // A change between the first read and the subscription would otherwise be missed.
        const now = await bulkImports.status(scope, jobId, false);
        if (now) send(now, isFinished(now));
        return unsubscribe;
      },
    };
  }, access);

  router.post('/api/bulk-import/:job_id/retry-failed', async (request) => {
    const retried = await bulkImports.retryFailed(scopeOf(request), jobIdOf(request));
    if (!retried) throw notFound();
    return { status: 200, body: { success: true, retried_files: retried.retried, job: retried.status } };
  }, access);

  router.post('/api/bulk-import/:job_id/cancel', async (request) => {
    const status = await bulkImports.cancel(scopeOf(request), jobIdOf(request));
    if (!status) throw notFound();
    return { status: 200, body: { success: true, job: status } };
  }, access);
}
