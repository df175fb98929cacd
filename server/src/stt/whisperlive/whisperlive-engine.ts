import { ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { connectPerChannel } from '../channel-group.js';
import type { EngineConnectOptions, EngineConnection, SpeechEngine } from '../speech-engine.js';
import { NodePool } from './node-pool.js';
import { SegmentTracker } from './segment-tracker.js';
import { WhisperLiveSession, type WhisperLiveOptions } from './whisperlive-session.js';

export interface WhisperLiveEngineOptions extends WhisperLiveOptions {
  urls: readonly string[];
  logger: Logger;
  /** finish(): wait until the node has been quiet this long before END_OF_AUDIO... */
  trailingQuietMs?: number;
  /** ...but never longer than this (its own clients wait up to 15 s). */
  trailingMaxMs?: number;
}

/** WhisperLive reads 16 kHz mono audio only. */
const NODE_SAMPLE_RATE_HZ = 16_000;

/**
 * WhisperLive (collabora/WhisperLive) nodes, e.g. Jetsons, as a speech engine: a pool with
 * capacity-aware choice and WAIT → next node. A node ending a session at its time limit
 * (DISCONNECT) ends the connection as `session-ended`: the stream continues on a new session at
 * once, replaying what is not final yet.
 */
export class WhisperLiveEngine implements SpeechEngine {
  readonly name = 'whisperlive';
  private readonly pool: NodePool;

  constructor(private readonly options: WhisperLiveEngineOptions) {
    this.pool = new NodePool(options.urls);
  }

  /** A session per channel (a node transcribes one), each on the best node that will take it. */
  async connect(options: EngineConnectOptions): Promise<EngineConnection> {
    if (options.sampleRateHz !== NODE_SAMPLE_RATE_HZ) {
      throw new ProviderError('unsupported_rate', `WhisperLive reads ${NODE_SAMPLE_RATE_HZ} Hz audio, not ${options.sampleRateHz} Hz`, false);
    }
    return connectPerChannel(options, (channel) => this.connectChannel(channel));
  }

  private async connectChannel(options: EngineConnectOptions): Promise<EngineConnection> {
    let lastFailure = 'no node accepted the stream';
    let everyNodeFull = true;
    for (const url of this.pool.candidates()) {
      const connection = new WhisperLiveConnection(url, this.pool, this.options, options);
      const outcome = await connection.open();
      if (outcome.kind === 'ready') return connection;
      if (outcome.kind === 'wait') {
        this.pool.markFull(url, outcome.minutes);
        lastFailure = `${host(url)} is full (WAIT)`;
        continue;
      }
      everyNodeFull = false;
      lastFailure = `${host(url)}: ${outcome.message}`;
      if (!outcome.retryable) throw new ProviderError('engine_refused', `WhisperLive ${lastFailure}`, false);
      options.logger.warn({ node: host(url), reason: outcome.message }, 'WhisperLive node unavailable, trying the next');
    }
    throw new ProviderError('engine_busy', `no WhisperLive node could take the call: ${lastFailure}`, true, everyNodeFull ? 'capacity' : 'error');
  }

  /** A node answers SERVER_READY (the session is closed again at once). */
  async probe(): Promise<void> {
    const connection = await this.connect({ sampleRateHz: NODE_SAMPLE_RATE_HZ, channels: 1, keyterms: [], logger: this.options.logger, onTranscript: () => {}, onClosed: () => {} });
    connection.close();
  }

  async close(): Promise<void> {}
}

/** One session on one node, speaking its protocol; times in ms of the session's audio. */
class WhisperLiveConnection implements EngineConnection {
  private readonly session: WhisperLiveSession;
  private readonly tracker: SegmentTracker;
  private samplesSent = 0;
  private lastAudioAt = 0;
  private closed = false;
  private released = false;

  constructor(
    private readonly url: string,
    private readonly pool: NodePool,
    private readonly engine: WhisperLiveEngineOptions,
    private readonly options: EngineConnectOptions,
  ) {
    this.tracker = new SegmentTracker((event) => !this.closed && options.onTranscript(event), () => this.samplesSent / (NODE_SAMPLE_RATE_HZ / 1000));
    this.session = new WhisperLiveSession(url, engine, {
      onSegments: (segments) => !this.closed && this.tracker.onSnapshot(segments),
      // The session's time limit: what it holds in progress is accepted as final, so the next session continues after it.
      onDisconnect: () => this.end(new ProviderError('session_limit', `${host(url)} ended the session at its time limit`, true, 'session-ended'), true),
      onLost: (message) => this.end(new ProviderError('engine_lost', `WhisperLive stream lost: ${message}`, true), false),
    });
  }

  async open() {
    this.pool.acquire(this.url);
    const outcome = await this.session.connect(this.options.keyterms);
    if (outcome.kind !== 'ready') this.release();
    return outcome;
  }

  send(samples: Int16Array): void {
    if (this.closed) return;
    this.samplesSent += samples.length;
    this.lastAudioAt = performance.now();
    this.session.sendAudio(samples);
  }

  async finish(): Promise<void> {
    // The node closes at END_OF_AUDIO without transcribing what it still holds: wait until it has
    // been quiet. If it ends the session meanwhile (DISCONNECT), the stream replays the tail elsewhere.
    const quietMs = this.engine.trailingQuietMs ?? 1_000;
    const started = performance.now();
    while (!this.closed) {
      const quietFor = performance.now() - Math.max(this.session.lastMessageAt, this.lastAudioAt);
      if (quietFor >= quietMs || performance.now() - started >= (this.engine.trailingMaxMs ?? 8_000)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (this.closed) return;
    this.session.end();
    this.tracker.flush();
    this.closed = true;
    this.release();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
    this.release();
  }

  private end(error: ProviderError, flush: boolean): void {
    if (this.closed) return;
    if (flush) this.tracker.flush();
    this.closed = true;
    this.session.close();
    this.release();
    this.options.onClosed(error);
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.pool.release(this.url);
  }
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'node';
  }
}
