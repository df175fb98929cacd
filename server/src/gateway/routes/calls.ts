import { callAnalyticsQuerySchema, callListQuerySchema, callTagsInputSchema } from '@call-assist/shared';
import type { z } from 'zod';
import { CAN, callScopeOf, orgScopeOf, type CallScope } from '../../auth/caller.js';
import type { AnalysisQueue } from '../../calls/analysis-queue.js';
import { getAnalysis } from '../../db/call-analyses.js';
import { listCardEvents } from '../../db/card-events.js';
import { callAnalytics } from '../../db/call-analytics.js';
import { analysisStatusCounts, endOfDay, listCalls } from '../../db/call-list.js';
import { deleteCall, getCall, setCallTags } from '../../db/calls.js';
import type { Db } from '../../db/database.js';
import { listTranscriptSegments } from '../../db/transcript-segments.js';
import { importRecording } from '../../imports/import-recording.js';
import { receiveUpload } from '../../imports/receive-upload.js';
import { decodeRecording } from '../../lib/audio/decode-audio.js';
import { AppError } from '../../lib/errors.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { parseByteRange } from '../../storage/byte-range.js';
import { errorBody, isUuid, parseBody, type ApiRequest, type ApiResponse, type Router } from '../http.js';

function parseQuery<S extends z.ZodType>(request: ApiRequest, schema: S): z.infer<S>;
function parseQuery(request: ApiRequest): z.infer<typeof callListQuerySchema>;
function parseQuery(request: ApiRequest, schema: z.ZodType = callListQuerySchema) {
  const parsed = schema.safeParse(Object.fromEntries(request.query));
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
  uploadMaxBytes: number;
}

function callIdOf(request: ApiRequest): string {
  const id = request.params[0] ?? '';
  if (!isUuid(id)) throw notFound();
  return id;
}

const notFound = () => new AppError('not_found', 'no such call', 404);

/** The review side of calls: list with filters, one call whole, tags, export, reprocess, delete, stats. */
export function registerCallRoutes(router: Router, deps: CallRoutesDeps): void {
  const { db } = deps;
  // Reading calls: a rep sees their own, everyone else the organisation's.
  const scopeOf = (request: Pick<ApiRequest, 'caller'>) => callScopeOf(request.caller);

  async function callDetail(callScope: CallScope, id: string) {
    const call = await getCall(db, callScope, id);
    if (!call) throw notFound();
    const scope = { orgId: callScope.orgId };
    const [segments, cards, analysis] = await Promise.all([listTranscriptSegments(db, scope, id), listCardEvents(db, scope, id), getAnalysis(db, scope, id)]);
    return {
      call: { ...call, hasRecording: call.audioKey !== null, tags: call.tagsOverride ?? analysis?.result.tags ?? [] },
      segments: segments.map(({ seq, speaker, text, startMs, endMs, words }) => ({ seq, speaker, text, startMs, endMs, words })),
      cards,
      analysis: analysis ? { analyzer: analysis.analyzer, updatedAt: analysis.updatedAt, ...analysis.result } : null,
    };
  }

  router.upload('/api/calls', async (request) => {
    const received = await receiveUpload(request.body, request.headers['content-type'] ?? '', deps.uploadMaxBytes);
    try {
      const channels = await decodeRecording(received.path);
      const imported = await importRecording(deps, orgScopeOf(request.caller), channels, received.filename.slice(0, 200));
      return { status: 201, body: { ...imported, filename: received.filename, analysisStatus: 'pending' } };
    } finally {
      await received.discard();
    }
  }, CAN.importCalls);

  router.get('/api/calls', async (request) => ({ status: 200, body: await listCalls(db, scopeOf(request), parseQuery(request)) }));

  router.get('/api/calls/analytics', async (request) => {
    const { start_date, end_date, bucket } = parseQuery(request, callAnalyticsQuerySchema);
    const range = { ...(start_date && { from: new Date(start_date) }), ...(end_date && { to: endOfDay(end_date) }) };
    return { status: 200, body: await callAnalytics(db, orgScopeOf(request.caller), range, bucket) };
  }, CAN.manageCalls);

  router.get('/api/calls/stats', async (request) => ({ status: 200, body: await analysisStatusCounts(db, scopeOf(request)) }));

  router.get('/api/calls/:id', async (request) => ({ status: 200, body: await callDetail(scopeOf(request), callIdOf(request)) }));

  // The recording, with Range support: an <audio> element seeks by asking for byte ranges.
  router.get('/api/calls/:id/audio', async (request) => {
    const call = await getCall(db, scopeOf(request), callIdOf(request));
    if (!call) throw notFound();
    const sizeBytes = call.audioKey ? await deps.blobs.size(call.audioKey) : undefined;
    if (!call.audioKey || sizeBytes === undefined) throw new AppError('no_recording', 'this call has no recording', 404);
    return recordingResponse(deps.blobs, call.audioKey, sizeBytes, request.headers.range);
  });

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
  }, CAN.manageCalls);

  router.post('/api/calls/:id/reprocess', async (request) => {
    const scope = scopeOf(request);
    const id = callIdOf(request);
    const call = await getCall(db, scope, id);
    if (!call) throw notFound();
    if (call.status === 'live' || call.status === 'created') throw new AppError('call_not_finished', 'the call has not ended yet', 409);
    await deps.analysis.enqueueAnalysis(scope, id);
    return { status: 202, body: { callId: id, analysisStatus: 'pending' } };
  }, CAN.manageCalls);

  router.delete('/api/calls/:id', async (request) => {
    const deleted = await deleteCall(db, scopeOf(request), callIdOf(request));
    if (!deleted) throw notFound();
    if (deleted.audioKey) await deps.blobs.delete(deleted.audioKey);
    return { status: 204 };
  }, CAN.manageCalls);
}

/** The recording whole (200) or the asked byte range (206); a range past the end is a 416. */
function recordingResponse(blobs: BlobStore, key: string, sizeBytes: number, rangeHeader: string | undefined): ApiResponse {
  // Private: recordings are customer data; no-cache: a re-analysed call keeps its key but not always its bytes.
  const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'cache-control': 'private, no-cache' };
  const range = parseByteRange(rangeHeader, sizeBytes);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { 'content-range': `bytes */${sizeBytes}` }, body: errorBody('range_not_satisfiable', `the recording is ${sizeBytes} bytes long`) };
  }
  if (!range) return { status: 200, headers, stream: { body: blobs.read(key), bytes: sizeBytes } };
  return {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${sizeBytes}` },
    stream: { body: blobs.read(key, range), bytes: range.end - range.start + 1 },
  };
}
