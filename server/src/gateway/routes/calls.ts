import { callListQuerySchema, callTagsInputSchema } from '@call-assist/shared';
import type { AnalysisQueue } from '../../calls/analysis-queue.js';
import { getAnalysis } from '../../db/call-analyses.js';
import { listCardEvents } from '../../db/card-events.js';
import { callAnalytics } from '../../db/call-analytics.js';
import { analysisStatusCounts, endOfDay, listCalls } from '../../db/call-list.js';
import { deleteCall, getCall, setCallTags } from '../../db/calls.js';
import type { Db } from '../../db/database.js';
import type { OrgScope } from '../../db/organisations.js';
import { listTranscriptSegments } from '../../db/transcript-segments.js';
import { importRecording } from '../../imports/import-recording.js';
import { receiveUpload } from '../../imports/receive-upload.js';
import { decodeRecording } from '../../lib/audio/decode-audio.js';
import { AppError } from '../../lib/errors.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { parseBody, type ApiRequest, type RequestInfo, type Router } from '../http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseQuery(request: ApiRequest) {
  const parsed = callListQuerySchema.safeParse(Object.fromEntries(request.query));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw Object.assign(new AppError('invalid_query', `invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`), { issues });
  }
  return parsed.data;
}

export interface CallRoutesDeps {
  db: Db;
  blobs: BlobStore;
  analysis: AnalysisQueue;
  scopeOf: (request: RequestInfo) => OrgScope;
  uploadMaxBytes: number;
}

function callIdOf(request: ApiRequest): string {
  const id = request.params[0] ?? '';
  if (!UUID.test(id)) throw notFound();
  return id;
}

const notFound = () => new AppError('not_found', 'no such call', 404);

/** The review side of calls: list with filters, one call whole, tags, export, reprocess, delete, stats. */
export function registerCallRoutes(router: Router, deps: CallRoutesDeps): void {
  const { db, scopeOf } = deps;

  async function callDetail(scope: OrgScope, id: string) {
    const call = await getCall(db, scope, id);
    if (!call) throw notFound();
    const [segments, cards, analysis] = await Promise.all([listTranscriptSegments(db, scope, id), listCardEvents(db, scope, id), getAnalysis(db, scope, id)]);
    return {
      call: { ...call, tags: call.tagsOverride ?? analysis?.result.tags ?? [] },
      segments: segments.map(({ seq, speaker, text, startMs, endMs, words }) => ({ seq, speaker, text, startMs, endMs, words })),
      cards,
      analysis: analysis ? { analyzer: analysis.analyzer, updatedAt: analysis.updatedAt, ...analysis.result } : null,
    };
  }

  router.upload('/api/calls', async (request) => {
    const received = await receiveUpload(request.body, request.headers['content-type'] ?? '', deps.uploadMaxBytes);
    try {
      const channels = await decodeRecording(received.path);
      const imported = await importRecording(deps, scopeOf(request), channels, received.filename.slice(0, 200));
      return { status: 201, body: { ...imported, filename: received.filename, analysisStatus: 'pending' } };
    } finally {
      await received.discard();
    }
  });

  router.get('/api/calls', async (request) => ({ status: 200, body: await listCalls(db, scopeOf(request), parseQuery(request)) }));

  router.get('/api/calls/analytics', async (request) => {
    const { start_date, end_date } = parseQuery(request);
    const range = { ...(start_date && { from: new Date(start_date) }), ...(end_date && { to: endOfDay(end_date) }) };
    return { status: 200, body: await callAnalytics(db, scopeOf(request), range) };
  });

  router.get('/api/calls/stats', async (request) => ({ status: 200, body: await analysisStatusCounts(db, scopeOf(request)) }));

  router.get('/api/calls/:id', async (request) => ({ status: 200, body: await callDetail(scopeOf(request), callIdOf(request)) }));

  router.get('/api/calls/:id/export', async (request) => {
    const id = callIdOf(request);
    return { status: 200, body: await callDetail(scopeOf(request), id), headers: { 'content-disposition': `attachment; filename="call-${id}.json"` } };
  });

  router.put('/api/calls/:id/tags', async (request) => {
    const scope = scopeOf(request);
    const id = callIdOf(request);
    const { tags } = parseBody(callTagsInputSchema, request.body);
    if (!(await setCallTags(db, scope, id, tags))) throw notFound();
    return { status: 200, body: (await callDetail(scope, id)).call };
  });

  router.post('/api/calls/:id/reprocess', async (request) => {
    const scope = scopeOf(request);
    const id = callIdOf(request);
    const call = await getCall(db, scope, id);
    if (!call) throw notFound();
    if (call.status === 'live' || call.status === 'created') throw new AppError('call_not_finished', 'the call has not ended yet', 409);
    await deps.analysis.enqueueAnalysis(scope, id);
    return { status: 202, body: { callId: id, analysisStatus: 'pending' } };
  });

  router.delete('/api/calls/:id', async (request) => {
    const deleted = await deleteCall(db, scopeOf(request), callIdOf(request));
    if (!deleted) throw notFound();
    if (deleted.audioKey) await deps.blobs.delete(deleted.audioKey);
    return { status: 204 };
  });
}
