import { DeepgramClient } from '@deepgram/sdk';
import { errorMessage, ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { EngineConnectOptions, EngineConnection, SpeechEngine } from '../speech-engine.js';
import { DeepgramConnection, type DeepgramConnectionSettings } from './deepgram-connection.js';

export interface DeepgramEngineOptions {
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
 * a reconnect would silently lose the audio in flight, while the stream replays it.
 */
export class DeepgramEngine implements SpeechEngine {
  readonly name = 'deepgram';
  private readonly client: DeepgramClient;
  private readonly connections = new Set<DeepgramConnection>();
  private opening = 0;
  private closed = false;
  private readonly settings: DeepgramConnectionSettings;

  constructor(private readonly options: DeepgramEngineOptions) {
    if (options.apiKey.trim() === '') throw new Error('the Deepgram speech engine needs DEEPGRAM_API_KEY');
    const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.client = new DeepgramClient({ apiKey: options.apiKey, baseUrl });
    this.settings = {
      keepAliveIntervalMs: options.keepAliveIntervalMs ?? 4_000,
      finishTimeoutMs: options.finishTimeoutMs ?? 5_000,
      host: new URL(baseUrl).host,
    };
  }

  async connect(options: EngineConnectOptions): Promise<EngineConnection> {
    if (this.closed) throw new ProviderError('engine_closed', 'the Deepgram speech engine is shutting down', true);
    if (this.connections.size + this.opening >= this.options.maxStreams) {
      throw new ProviderError(
        'engine_busy',
        `Deepgram is already serving its maximum of ${this.options.maxStreams} calls from this server (DEEPGRAM_MAX_STREAMS)`,
        true,
        'capacity',
      );
    }
    // Count the connection before the first await, so concurrent connects cannot overshoot the cap.
    this.opening++;
    let connection: DeepgramConnection;
    try {
      const socket = await this.client.listen.v1.connect(this.query(options));
      connection = new DeepgramConnection(socket, options, this.settings, (done) => this.connections.delete(done));
    } catch (error) {
      throw new ProviderError('deepgram_unreachable', `could not open a Deepgram stream: ${errorMessage(error).slice(0, 200)}`, true);
    } finally {
      this.opening--;
    }
    // In the set from here on: it leaves it (frees its slot) however it ends, even while opening.
    this.connections.add(connection);
    await connection.open();
    if (this.closed) {
      connection.close();
      throw new ProviderError('engine_closed', 'the Deepgram speech engine is shutting down', true);
    }
    return connection;
  }

  /** Opens a stream and closes it again: Deepgram answers (and takes the key). */
  async probe(): Promise<void> {
    const connection = await this.connect({ sampleRateHz: 16_000, channels: 1, keyterms: [], logger: this.options.logger, onTranscript: () => {}, onClosed: () => {} });
    connection.close();
  }

  private query(options: EngineConnectOptions) {
    const keyterm = this.options.model.startsWith('nova-3') ? keytermsFor(options.keyterms) : [];
    return {
      model: this.options.model,
      encoding: 'linear16',
      sample_rate: String(options.sampleRateHz),
      channels: String(options.channels),
      // Two channels (rep and caller) are recognised each on its own, results tagged `channel_index`.
      ...(options.channels > 1 && { multichannel: 'true' }),
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
    for (const connection of [...this.connections]) connection.fail(new ProviderError('engine_closed', 'the Deepgram speech engine is shutting down', true));
  }
}
