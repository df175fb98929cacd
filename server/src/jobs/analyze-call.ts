import type { AnalysisTranscript, CallAnalysis } from '@call-assist/shared';
import type { CallAnalyzer } from '../analysis/call-analyzer.js';
import { saveAnalysis, setAnalysisStatus } from '../db/call-analyses.js';
import type { Db } from '../db/database.js';
import type { OrgScope } from '../db/organisations.js';
import { insertTranscriptSegment, listTranscriptSegments } from '../db/transcript-segments.js';
import { getCall, setSttProvider } from '../db/calls.js';
import { deinterleave, parseWavHeader, WAV_HEADER_BYTES } from '../lib/audio/wav.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { BatchTranscriber, BatchTranscript } from '../stt/batch/batch-transcriber.js';
import { AppError } from '../lib/errors.js';
import { redactDeep, redactSegment, type Redactor } from '../lib/pii-redaction.js';
import type { Logger } from '../lib/logger.js';

export interface AnalyzeCallJob {
  orgId: string;
  callId: string;
}

export interface AnalyzeCallDeps {
  db: Db;
  analyzer: CallAnalyzer;
  /** Transcribes recordings that have no live transcript (uploads, imports). */
  batch: BatchTranscriber;
  blobs: BlobStore;
  /** In stereo recordings, the channel of the agent (0 left, 1 right); the other is the caller. */
  stereoAgentChannel: 0 | 1;
  /** Applied to transcripts and analyses before they are stored (REDACT_PII). */
  redact?: Redactor;
  /** Used when the main analyzer fails (e.g. the LLM is down): the result says which one ran. */
  fallback?: CallAnalyzer;
  logger: Logger;
}

/** Reads our own canonical WAV (44-byte header, 16 kHz PCM16, one or two channels). */
async function readRecording(blobs: BlobStore, key: string): Promise<Int16Array[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.read(key)) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const { channels } = parseWavHeader(bytes);
  const data = bytes.subarray(WAV_HEADER_BYTES);
  return deinterleave(new Int16Array(data.buffer, data.byteOffset, data.length >> 1).slice(), channels);
}

/**
 * Mono: one transcript, speakers unknown (the analyzer infers them). Stereo: each party's channel on
 * its own, merged in time order with the speaker known from the channel.
 */
async function transcribeRecording(deps: AnalyzeCallDeps, channels: Int16Array[]): Promise<BatchTranscript> {
  if (channels.length === 1) return deps.batch.transcribe(channels[0]!);
  const roles = deps.stereoAgentChannel === 0 ? (['agent', 'caller'] as const) : (['caller', 'agent'] as const);
  const parts = await Promise.all(channels.slice(0, 2).map((samples) => deps.batch.transcribe(samples)));
  const segments = parts.flatMap((part, channel) => part.segments.map((segment) => ({ ...segment, speaker: roles[channel]! })));
  return { provider: parts[0]!.provider, segments: segments.sort((a, b) => a.startMs - b.startMs), durationMs: parts[0]!.durationMs };
}

/** How a caller that runs the analysis itself (a bulk import) follows it and picks the engine. */
export interface AnalyzeCallOptions {
  /** Called as the work moves on: transcribing (only when there is no transcript yet), then analyzing. */
  onStage?: (stage: 'transcribing' | 'analyzing') => Promise<void>;
  /** Speech engine for this recording instead of deps.batch. */
  batch?: BatchTranscriber;
}

/** A recording without a transcript (an upload) is transcribed first; segments are stored once. */
async function ensureTranscript(deps: AnalyzeCallDeps, scope: OrgScope, callId: string, options: AnalyzeCallOptions): Promise<void> {
  if ((await listTranscriptSegments(deps.db, scope, callId)).length > 0) return;
  const call = await getCall(deps.db, scope, callId);
  if (!call) throw new AppError('unknown_call', 'the call no longer exists');
  if (!call.audioKey) return;
  await options.onStage?.('transcribing');
  const transcript = await transcribeRecording(options.batch ? { ...deps, batch: options.batch } : deps, await readRecording(deps.blobs, call.audioKey));
  // All or nothing: a worker killed halfway must not leave a partial transcript that a retry trusts.
  await deps.db.transaction(async (tx) => {
    for (const [seq, segment] of transcript.segments.entries()) {
      const { text, words } = redactSegment(segment, deps.redact);
      await insertTranscriptSegment(tx, scope, { callId, seq, text, startMs: segment.startMs, endMs: segment.endMs, speaker: segment.speaker ?? null, words });
    }
    await setSttProvider(tx, scope, callId, transcript.provider);
  });
}

/** The stored final segments as the analyzers read them (mono calls: speakers unknown, inferred later). */
async function transcriptOf(db: Db, scope: OrgScope, callId: string): Promise<AnalysisTranscript> {
  const segments = await listTranscriptSegments(db, scope, callId);
  return {
    turns: segments.map((segment) => ({
      speaker: segment.speaker === 'agent' || segment.speaker === 'caller' ? segment.speaker : 'unknown',
      text: segment.text,
      startMs: segment.startMs,
      endMs: segment.endMs,
    })),
  };
}

/**
 * `analyze-call`: transcript → analyzer → one stored analysis. Safe to run twice (a retry after a
 * worker died mid-job): the result row is replaced, never duplicated.
 */
export async function analyzeCall(deps: AnalyzeCallDeps, job: AnalyzeCallJob, options: AnalyzeCallOptions = {}): Promise<AnalysisResult> {
  const scope = { orgId: job.orgId };
  await setAnalysisStatus(deps.db, scope, job.callId, 'processing');
  deps.logger.info({ callId: job.callId }, 'call analysis started');
  await ensureTranscript(deps, scope, job.callId, options);
  await options.onStage?.('analyzing');
  const transcript = await transcriptOf(deps.db, scope, job.callId);
  if (transcript.turns.length === 0) throw new AppError('empty_transcript', 'the call has no transcript to analyse');
  let analyzer = deps.analyzer.name;
  let result;
  try {
    result = await deps.analyzer.analyze(transcript);
  } catch (error) {
    if (!deps.fallback) throw error;
    deps.logger.warn({ callId: job.callId, analyzer: deps.analyzer.name }, 'analyzer failed, using the fallback');
    analyzer = `${deps.fallback.name} (fallback from ${deps.analyzer.name})`;
    result = await deps.fallback.analyze(transcript);
  }
  // The transcript the analyzer read is already redacted; an LLM may still repeat or invent details.
  if (deps.redact) result = redactDeep(result, deps.redact);
  await saveAnalysis(deps.db, scope, job.callId, analyzer, result);
  return { analyzer, result };
}

export interface AnalysisResult {
  analyzer: string;
  result: CallAnalysis;
}
