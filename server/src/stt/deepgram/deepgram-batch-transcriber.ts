import { AUDIO_SAMPLE_RATE_HZ } from '@call-assist/shared';
import { DeepgramClient } from '@deepgram/sdk';
import { wavHeader } from '../../lib/audio/wav.js';
import { errorMessage, ProviderError } from '../../lib/errors.js';
import type { BatchTranscriber, BatchTranscript, TranscriptSegment } from '../batch/batch-transcriber.js';
import { keytermsFor } from './deepgram-engine.js';

export interface DeepgramBatchOptions {
  apiKey: string;
  baseUrl?: string;
  model: string;
}

interface DeepgramWord {
  word?: string;
  punctuated_word?: string;
  start?: number;
  end?: number;
}

/** Without `utterances` in the answer, a pause this long between words starts a new segment. */
const SEGMENT_PAUSE_S = 0.8;
const toMs = (seconds: number | undefined) => Math.round((seconds ?? 0) * 1000);

function segmentOf(words: DeepgramWord[], transcript?: string): TranscriptSegment {
  return {
    text: (transcript ?? words.map((w) => w.punctuated_word ?? w.word ?? '').join(' ')).trim(),
    startMs: toMs(words[0]?.start),
    endMs: toMs(words.at(-1)?.end),
    words: words.map((w) => ({ word: w.word ?? '', startMs: toMs(w.start), endMs: toMs(w.end) })),
  };
}

/** Splits a flat word list at pauses, for answers without `utterances`. */
export function splitAtPauses(words: DeepgramWord[]): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let current: DeepgramWord[] = [];
  for (const word of words) {
    if (current.length > 0 && (word.start ?? 0) - (current.at(-1)!.end ?? 0) > SEGMENT_PAUSE_S) {
      segments.push(segmentOf(current));
      current = [];
    }
    current.push(word);
  }
  if (current.length > 0) segments.push(segmentOf(current));
  return segments;
}

/**
 * Deepgram's pre-recorded API (`transcribeFile`) for whole recordings: faster and better than
 * streaming a file. The audio goes as a WAV, which describes its own format (the SDK has no
 * sample_rate option for raw audio).
 */
export class DeepgramBatchTranscriber implements BatchTranscriber {
  readonly name = 'deepgram';
  private readonly client: DeepgramClient;

  constructor(private readonly options: DeepgramBatchOptions) {
    this.client = new DeepgramClient({ apiKey: options.apiKey, ...(options.baseUrl && { baseUrl: options.baseUrl }) });
  }

  async transcribe(samples: Int16Array, options: { keyterms?: string[] } = {}): Promise<BatchTranscript> {
    const wav = Buffer.concat([wavHeader(samples.byteLength, AUDIO_SAMPLE_RATE_HZ), Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
    const keyterms = this.options.model.startsWith('nova-3') ? keytermsFor(options.keyterms ?? []) : [];
    let response: Awaited<ReturnType<DeepgramClient['listen']['v1']['media']['transcribeFile']>>;
    try {
      response = await this.client.listen.v1.media.transcribeFile(wav, {
        model: this.options.model,
        punctuate: true,
        utterances: true,
        diarize: true,
        smart_format: false,
        ...(keyterms.length > 0 && { keyterm: keyterms }),
      });
    } catch (error) {
      const message = errorMessage(error);
      const unauthorized = /401|403|unauthori[sz]ed|invalid credentials/i.test(message);
      throw new ProviderError(unauthorized ? 'engine_refused' : 'engine_failed', `Deepgram could not transcribe the recording: ${message.slice(0, 200)}`, !unauthorized);
    }
    if (!('results' in response)) throw new ProviderError('engine_failed', 'Deepgram accepted the recording for a callback instead of answering', false);
    const { results } = response;
    const utterances = results.utterances ?? [];
    const segments =
      utterances.length > 0
        ? utterances.map((u) => ({
            ...segmentOf(u.words ?? [], u.transcript),
            startMs: toMs(u.start),
            endMs: toMs(u.end),
            ...(typeof u.speaker === 'number' && { speakerLabel: u.speaker }),
          }))
        : splitAtPauses(results.channels?.[0]?.alternatives?.[0]?.words ?? []);
    return { provider: this.name, segments: segments.filter((s) => s.text !== ''), durationMs: (samples.length * 1000) / AUDIO_SAMPLE_RATE_HZ };
  }
}
