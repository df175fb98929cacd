import { AUDIO_SAMPLE_RATE_HZ } from '@call-assist/shared';
import { randomUUID } from 'node:crypto';
import type { AnalysisQueue } from '../calls/analysis-queue.js';
import type { Db } from '../db/database.js';
import type { OrgScope } from '../db/organisations.js';
import { calls } from '../db/schema.js';
import { interleave, wavHeader } from '../lib/audio/wav.js';
import { callAudioKey, type BlobStore } from '../storage/blob-store.js';

/** Decoded recordings are at the call audio rate. */
const durationOf = (channel: Int16Array) => Math.round((channel.length * 1000) / AUDIO_SAMPLE_RATE_HZ);

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
  return { callId, audioDurationMs: durationOf(channels[0]!), channels: channels.length };
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
  const audioDurationMs = durationOf(channels[0]!);
  const samples = interleave(channels);
  await deps.blobs.put(audioKey, Buffer.concat([wavHeader(samples.byteLength, AUDIO_SAMPLE_RATE_HZ, channels.length), Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]));
  const row = { id: callId, orgId: scope.orgId, source: 'import' as const, status: 'ended' as const, title: options.title, audioKey, audioDurationMs };
  if (options.insert) await options.insert(row);
  else await deps.db.insert(calls).values(row);
  return callId;
}
