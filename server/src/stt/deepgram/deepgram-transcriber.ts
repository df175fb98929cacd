import { DeepgramClient } from '@deepgram/sdk';
import { errorMessage, ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { StreamingTranscriber, TranscriberStream, TranscriberStreamOptions } from '../streaming-transcriber.js';
import { DeepgramStream, type DeepgramStreamSettings } from './deepgram-stream.js';

export interface DeepgramTranscriberOptions {
  apiKey: string;
  /** Another Deepgram-compatible endpoint (self-hosted, proxy, test server); default api.deepgram.com. */
  baseUrl?: string;
  model: string;
  /** Concurrent streams this process opens (pay-as-you-go accounts allow about 50). */
  maxStreams: number;
  logger: Logger;
  /** KeepAlive after this much time without audio (a muted rep); Deepgram gives up at 10 s. */
  keepAliveIntervalMs?: number;
  finishTimeoutMs?: number;
  connectTimeoutMs?: number;
}

const DEFAULT_BASE_URL = 'https://api.deepgram.com';
/** Deepgram's documented keyterm budget is in tokens; 100 phrases stays well inside it. */
export const MAX_KEYTERMS = 100;

/** Keyterms as Deepgram takes them: trimmed, one per distinct phrase (case-insensitive), capped. */
export function keytermsFor(phrases: string[]): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const phrase of phrases) {
    const term = phrase.trim().replace(/\s+/g, ' ');
    const key = term.toLowerCase();
    if (term === '' || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === MAX_KEYTERMS) break;
  }
  return terms;
}

/**
 * Deepgram's live API (`/v1/listen`) through @deepgram/sdk v5. The SDK's own reconnection is off:
 * a reconnect would silently lose the audio in flight, while our caller can replay it or fail over.
 */
export class DeepgramTranscriber implements StreamingTranscriber {
  readonly name = 'deepgram';
  private readonly client: DeepgramClient;
  private readonly streams = new Set<DeepgramStream>();
  private opening = 0;
  private closed = false;
  private readonly host: string;
  private readonly streamSettings: DeepgramStreamSettings;

  constructor(private readonly options: DeepgramTranscriberOptions) {
    if (options.apiKey.trim() === '') throw new Error('the Deepgram speech engine needs DEEPGRAM_API_KEY');
    const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.host = new URL(baseUrl).host;
    this.client = new DeepgramClient({ apiKey: options.apiKey, baseUrl });
    this.streamSettings = {
      keepAliveIntervalMs: options.keepAliveIntervalMs ?? 4_000,
      finishTimeoutMs: options.finishTimeoutMs ?? 5_000,
      host: this.host,
      logger: options.logger,
    };
  }

  async open(options: TranscriberStreamOptions): Promise<TranscriberStream> {
    if (this.closed) throw new ProviderError('engine_closed', 'the Deepgram speech engine is shutting down', true);
    if (this.streams.size + this.opening >= this.options.maxStreams) {
      throw new ProviderError(
        'engine_busy',
        `Deepgram is already serving its maximum of ${this.options.maxStreams} calls from this server (DEEPGRAM_MAX_STREAMS)`,
        true,
      );
    }
    // Count the stream before the first await, so concurrent opens cannot overshoot the cap.
    this.opening++;
    let stream: DeepgramStream;
    try {
      const socket = await this.client.listen.v1.connect(this.connectArgs(options));
      stream = new DeepgramStream(socket, options, this.streamSettings, (done) => this.streams.delete(done));
    } catch (error) {
      this.options.logger.warn({ err: messageOf(error) }, 'deepgram stream could not be created');
      throw new ProviderError('deepgram_unreachable', `could not open a Deepgram stream: ${messageOf(error)}`, true);
    } finally {
      this.opening--;
    }
    // In the set from here on: the stream leaves it (frees its slot) however it ends, even while opening.
    this.streams.add(stream);
    await stream.start();
    if (this.closed) {
      stream.abort();
      throw new ProviderError('engine_closed', 'the Deepgram speech engine is shutting down', true);
    }
    this.options.logger.debug({ streams: this.streams.size }, 'deepgram stream opened');
    return stream;
  }

  private connectArgs(options: TranscriberStreamOptions) {
    const keyterm = this.options.model.startsWith('nova-3') ? keytermsFor(options.keyterms) : [];
    return {
      model: this.options.model,
      encoding: 'linear16',
      sample_rate: String(options.sampleRateHz),
      channels: '1',
      interim_results: 'true',
      // A short endpoint gives finals soon after each pause; UtteranceEnd catches noisy calls
      // where the endpoint never fires.
      endpointing: '300',
      utterance_end_ms: '1000',
      vad_events: 'true',
      // Our matcher wants words as spoken ("two hundred"), not "200".
      smart_format: 'false',
      punctuate: 'true',
      ...(keyterm.length > 0 && { keyterm }),
      reconnectAttempts: 0,
      connectionTimeoutInSeconds: (this.options.connectTimeoutMs ?? 10_000) / 1000,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stream of [...this.streams]) stream.fail(new ProviderError('engine_closed', 'the Deepgram speech engine is shutting down', true));
  }
}

const messageOf = (error: unknown) => errorMessage(error).slice(0, 200);
