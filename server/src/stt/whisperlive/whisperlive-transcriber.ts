import { ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { ReplayBuffer } from '../replay-buffer.js';
import type { StreamingTranscriber, TranscriberStream, TranscriberStreamOptions } from '../streaming-transcriber.js';
import { NodePool } from './node-pool.js';
import { SegmentTracker } from './segment-tracker.js';
import { WhisperLiveSession, type WhisperLiveOptions } from './whisperlive-session.js';

export interface WhisperLiveTranscriberOptions extends WhisperLiveOptions {
  urls: readonly string[];
  logger: Logger;
  /** finish(): wait until the node has been quiet this long before END_OF_AUDIO... */
  trailingQuietMs?: number;
  /** ...but never longer than this (its own clients wait up to 15 s). */
  trailingMaxMs?: number;
}

/** Replayed audio goes to a new session in chunks of this many samples (1 s). */
const REPLAY_CHUNK_SAMPLES = 16_000;

/**
 * WhisperLive (collabora/WhisperLive) nodes, e.g. Jetsons, as a streaming engine: a pool with
 * capacity-aware choice, WAIT → next node, and transparent rollover when a node ends a session at
 * its time limit (DISCONNECT): a new session picks up from the last final, replaying what is not
 * final yet, so the transcript has no gap and no duplicate.
 */
export class WhisperLiveTranscriber implements StreamingTranscriber {
  readonly name = 'whisperlive';
  private readonly pool: NodePool;

  constructor(private readonly options: WhisperLiveTranscriberOptions) {
    this.pool = new NodePool(options.urls);
  }

  async open(streamOptions: TranscriberStreamOptions): Promise<TranscriberStream> {
    const stream = new WhisperLiveStream(this.pool, this.options, streamOptions);
    await stream.connect();
    return stream;
  }

  async close(): Promise<void> {}
}

class WhisperLiveStream implements TranscriberStream {
  private readonly replay = new ReplayBuffer();
  private session: WhisperLiveSession | undefined;
  private tracker: SegmentTracker | undefined;
  private rollover: Promise<void> | undefined;
  private done = false;
  private lastAudioAt = 0;

  constructor(
    private readonly pool: NodePool,
    private readonly options: WhisperLiveTranscriberOptions,
    private readonly stream: TranscriberStreamOptions,
  ) {}

  /** Opens a session on the best node that will take it, and feeds it the audio not yet final. */
  async connect(): Promise<void> {
    let lastFailure = 'no node accepted the stream';
    for (const url of this.pool.candidates()) {
      const session: WhisperLiveSession = new WhisperLiveSession(url, this.options, {
        onSegments: (segments) => {
          if (session === this.session && !this.done) this.tracker!.onSnapshot(segments);
        },
        onDisconnect: () => {
          if (session === this.session) this.rollOver(session);
        },
        onLost: (message) => {
          if (session === this.session) this.fail(session, message);
        },
      });
      this.pool.acquire(url);
      const outcome = await session.connect(this.stream.keyterms);
      if (outcome.kind === 'ready') return this.begin(session);
      this.pool.release(url);
      if (outcome.kind === 'wait') {
        this.pool.markFull(url, outcome.minutes);
        lastFailure = `${host(url)} is full (WAIT)`;
        continue;
      }
      lastFailure = `${host(url)}: ${outcome.message}`;
      if (!outcome.retryable) throw new ProviderError('engine_refused', `WhisperLive ${lastFailure}`, false);
      (this.stream.logger ?? this.options.logger).warn({ node: host(url), reason: outcome.message }, 'WhisperLive node unavailable, trying the next');
    }
    throw new ProviderError('engine_busy', `no WhisperLive node could take the call: ${lastFailure}`, true);
  }

  private begin(session: WhisperLiveSession): void {
    const { fromMs, samples } = this.replay.uncovered();
    this.session = session;
    this.tracker = new SegmentTracker(
      fromMs,
      (event) => {
        if (event.kind === 'final') this.replay.coveredUntil(event.endMs);
        this.stream.onTranscript(event);
      },
      () => this.replay.endMs - fromMs,
    );
    for (let offset = 0; offset < samples.length; offset += REPLAY_CHUNK_SAMPLES) session.sendAudio(samples.subarray(offset, offset + REPLAY_CHUNK_SAMPLES));
    // Replayed audio counts as fresh audio: the node needs time to transcribe it before the end.
    if (samples.length > 0) this.lastAudioAt = performance.now();
  }

  write(samples: Int16Array): void {
    if (this.done) return;
    this.replay.append(samples);
    this.lastAudioAt = performance.now();
    // During a rollover the audio waits in the replay buffer for the next session.
    if (!this.rollover) this.session?.sendAudio(samples);
  }

  private rollOver(old: WhisperLiveSession): void {
    this.pool.release(old.url);
    // Accept the segment in progress: a session cut before its utterance ended must still advance.
    this.tracker?.flush();
    (this.stream.logger ?? this.options.logger).info({ node: host(old.url) }, 'WhisperLive session limit reached, continuing on a new session');
    this.rollover = this.connect()
      .catch((error: unknown) => this.fail(undefined, (error as Error).message))
      .finally(() => (this.rollover = undefined));
  }

  private fail(session: WhisperLiveSession | undefined, message: string): void {
    if (this.done) return;
    this.done = true;
    if (session) this.pool.release(session.url);
    this.session = undefined;
    this.stream.onError(new ProviderError('engine_lost', `WhisperLive stream lost: ${message}`, true));
  }

  async finish(): Promise<void> {
    // The node closes at END_OF_AUDIO without transcribing what it still holds: wait until it has been
    // quiet. The node may also end the session meanwhile (DISCONNECT): then wait for the new session,
    // which is replaying the tail, instead of ending the old one and dropping that tail.
    const quietMs = this.options.trailingQuietMs ?? 1_000;
    const started = performance.now();
    for (;;) {
      await this.rollover;
      const session = this.session;
      if (this.done || !session) return;
      const quietFor = performance.now() - Math.max(session.lastMessageAt, this.lastAudioAt);
      if (quietFor >= quietMs || performance.now() - started >= (this.options.trailingMaxMs ?? 8_000)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const session = this.session!;
    this.done = true;
    session.end();
    this.pool.release(session.url);
    this.tracker?.flush();
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.session) {
      this.session.close();
      this.pool.release(this.session.url);
    }
  }
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'node';
  }
}
