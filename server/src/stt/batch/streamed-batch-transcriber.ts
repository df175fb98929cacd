import { AUDIO_SAMPLE_RATE_HZ } from '@call-assist/shared';
import type { StreamingTranscriber } from '../streaming-transcriber.js';
import type { BatchTranscriber, BatchTranscript, TranscriptSegment } from './batch-transcriber.js';


/**
 * Batch transcription through a streaming engine: the recording is written as fast as the engine
 * takes it (`paceFactor` × real time; Infinity for engines that buffer, like the local one) and the
 * finals are collected. A failover chain switches engines mid-file exactly as it does mid-call.
 */
export class StreamedBatchTranscriber implements BatchTranscriber {
  readonly name: string;

  constructor(
    private readonly engine: StreamingTranscriber,
    private readonly paceFactor = Infinity,
    private readonly sampleRateHz = AUDIO_SAMPLE_RATE_HZ,
  ) {
    this.name = engine.name;
  }

  async transcribe(samples: Int16Array, options: { keyterms?: string[] } = {}): Promise<BatchTranscript> {
    const segments: TranscriptSegment[] = [];
    let failure: Error | undefined;
    const samplesPerMs = this.sampleRateHz / 1000;
    // 1 s of audio per write.
    const chunkSamples = this.sampleRateHz;
    const stream = await this.engine.open({
      sampleRateHz: this.sampleRateHz,
      keyterms: options.keyterms ?? [],
      onTranscript: (event) => {
        if (event.kind !== 'final') return;
        segments.push({ text: event.text, startMs: event.startMs, endMs: event.endMs, ...(event.words && { words: event.words }), ...(event.speaker && { speaker: event.speaker }) });
      },
      onError: (error) => (failure = error),
    });
    const started = performance.now();
    for (let offset = 0; offset < samples.length && !failure; offset += chunkSamples) {
      const due = started + offset / samplesPerMs / this.paceFactor;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      stream.write(samples.slice(offset, offset + chunkSamples));
    }
    if (failure) {
      stream.abort();
      throw failure;
    }
    await stream.finish();
    if (failure) throw failure;
    return { provider: stream.provider, segments, durationMs: samples.length / samplesPerMs };
  }
}
