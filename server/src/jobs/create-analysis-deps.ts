import { createAnalyzers } from '../analysis/create-analyzers.js';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import { redactPii } from '../lib/pii-redaction.js';
import type { BlobStore } from '../storage/blob-store.js';
import { StreamedBatchTranscriber } from '../stt/batch/streamed-batch-transcriber.js';
import type { StreamingTranscriber } from '../stt/streaming-transcriber.js';
import type { AnalyzeCallDeps } from './analyze-call.js';

/** What the analysis pipeline runs with, as configured: analyzers, batch engine, storage, speaker channel, redaction. The gateway and `npm run worker` share it. */
export function createAnalysisDeps(config: Config, logger: Logger, transcriber: StreamingTranscriber, blobs: BlobStore): Omit<AnalyzeCallDeps, 'db' | 'logger'> {
  return {
    ...createAnalyzers(config, logger),
    batch: new StreamedBatchTranscriber(transcriber),
    blobs,
    stereoAgentChannel: config.STEREO_AGENT_CHANNEL === 'left' ? 0 : 1,
    ...(config.REDACT_PII && { redact: redactPii }),
  };
}
