import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AnalysisQueue } from '../calls/analysis-queue.js';
import type { Db } from '../db/database.js';
import type { OrgScope } from '../db/organisations.js';
import { calls } from '../db/schema.js';
import { interleave, wavHeader } from '../lib/audio/wav.js';
import { callAudioKey, type BlobStore } from '../storage/blob-store.js';

export interface ImportDeps {
  db: Db;
  blobs: BlobStore;
  analysis: AnalysisQueue;
}

/**
 * A recorded call enters the same path as a finished live call: a `call` row (source `import`), its
 * audio as a 16 kHz WAV in the blob store (stereo kept stereo: one party per channel), and an
 * `analyze-call` job, which transcribes it first.
 */
export async function importRecording(deps: ImportDeps, scope: OrgScope, channels: Int16Array[], title: string | null = null): Promise<{ callId: string; audioDurationMs: number; channels: number }> {
  const callId = await storeRecording(deps, scope, channels, { title });
  await deps.analysis.enqueueAnalysis(scope, callId);
  return { callId, audioDurationMs: Math.round(channels[0]!.length / 16), channels: channels.length };
}

/**
 * The recording's WAV and its `call` row, without enqueueing analysis (a bulk import runs it itself).
 * `insert` lets the caller create the row inside its own transaction.
 */
export async function storeRecording(
  deps: Pick<ImportDeps, 'db' | 'blobs'>,
  scope: OrgScope,
  channels: Int16Array[],
  options: { title: string | null; callId?: string; insert?: (row: typeof calls.$inferInsert) => Promise<void> },
): Promise<string> {
  const callId = options.callId ?? randomUUID();
  const audioKey = callAudioKey(scope.orgId, callId);
  const audioDurationMs = Math.round(channels[0]!.length / 16);
  const samples = interleave(channels);
  const file = await deps.blobs.writablePath(audioKey);
  await writeFile(file, Buffer.concat([wavHeader(samples.byteLength, 16_000, channels.length), Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]));
  await deps.blobs.commit(audioKey);
  const row = { id: callId, orgId: scope.orgId, source: 'import' as const, status: 'ended' as const, title: options.title, audioKey, audioDurationMs };
  if (options.insert) await options.insert(row);
  else await deps.db.insert(calls).values(row);
  return callId;
}
