import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AnalysisQueue } from '../calls/analysis-queue.js';
import type { Db } from '../db/database.js';
import type { OrgScope } from '../db/organisations.js';
import { calls } from '../db/schema.js';
import { wavHeader } from '../lib/audio/wav.js';
import { callAudioKey, type BlobStore } from '../storage/blob-store.js';

export interface ImportDeps {
  db: Db;
  blobs: BlobStore;
  analysis: AnalysisQueue;
}

/**
 * A recorded call enters the same path as a finished live call: a `call` row (source `import`), its
 * audio as a 16 kHz WAV in the blob store, and an `analyze-call` job, which transcribes it first.
 */
export async function importRecording(deps: ImportDeps, scope: OrgScope, samples: Int16Array): Promise<{ callId: string; audioDurationMs: number }> {
  const callId = randomUUID();
  const audioKey = callAudioKey(scope.orgId, callId);
  const audioDurationMs = Math.round(samples.length / 16);
  const file = await deps.blobs.writablePath(audioKey);
  await writeFile(file, Buffer.concat([wavHeader(samples.byteLength, 16_000), Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]));
  await deps.blobs.commit(audioKey);
  await deps.db.insert(calls).values({ id: callId, orgId: scope.orgId, source: 'import', status: 'ended', audioKey, audioDurationMs });
  await deps.analysis.enqueueAnalysis(scope, callId);
  return { callId, audioDurationMs };
}
