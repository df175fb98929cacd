import { Worker } from 'node:worker_threads';
import { ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { EngineConnectOptions, EngineConnection, SpeechEngine } from '../speech-engine.js';
import { connectPerChannel } from '../channel-group.js';
import { MODEL_SAMPLE_RATE_HZ } from './utterance-decoder.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

export interface LocalEngineOptions {
  modelDir: string;
  workers: number;
  maxStreams: number;
  logger: Logger;
}


interface OpenStream {
  options: EngineConnectOptions;
  opened?: (error?: Error) => void;
  finished?: () => void;
}

const MISSING_ENGINE_HINT =
  'the local speech engine needs the Debian packages pocketsphinx and pocketsphinx-en-us (npm start installs them when run as root)';

/** One worker thread and the streams it decodes. */
class DecoderWorker {
  readonly streams = new Map<number, OpenStream>();
  readonly ready: Promise<void>;
  private readonly worker: Worker;

  constructor(setup: WorkerSetup, onExit: (worker: DecoderWorker, error: Error) => void) {
    this.worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: setup });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'failed' && message.streamId === undefined) reject(new Error(`${message.message} (${MISSING_ENGINE_HINT})`));
        else this.dispatch(message);
      });
      this.worker.once('error', (error) => {
        reject(error);
        onExit(this, error);
      });
      this.worker.once('exit', (code) => {
        reject(new Error(`decoder worker exited with code ${code}`));
        onExit(this, new Error(`decoder worker exited with code ${code}`));
      });
    });
  }

  post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private dispatch(message: FromWorker): void {
    if (message.type === 'ready' || message.streamId === undefined) return;
    const stream = this.streams.get(message.streamId);
    if (!stream) return;
    switch (message.type) {
      case 'opened':
        stream.opened?.();
        return;
      case 'transcript':
        stream.options.onTranscript(message.event);
        return;
      case 'finished':
        this.streams.delete(message.streamId);
        stream.finished?.();
        return;
      case 'failed': {
        this.streams.delete(message.streamId);
        const error = new ProviderError('engine_failed', `local speech engine failed: ${message.message}`, true);
        if (stream.opened) stream.opened(error);
        else stream.options.onClosed(error);
        stream.finished?.();
        return;
      }
    }
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * The embedded speech engine: PocketSphinx decoders in a pool of worker threads, so decoding never
 * blocks the gateway's event loop. Refuses streams beyond `maxStreams` (`capacity`).
 */
export class LocalEngine implements SpeechEngine {
  readonly name = 'local';
  private readonly workers: DecoderWorker[] = [];
  private nextStreamId = 1;
  private closed = false;

  private constructor(private readonly options: LocalEngineOptions) {}

  /** Starts the workers and loads one decoder in each; rejects with a clear message if it cannot. */
  static async start(options: LocalEngineOptions): Promise<LocalEngine> {
    const engine = new LocalEngine(options);
    for (let i = 0; i < options.workers; i++) engine.workers.push(engine.spawn());
    try {
      await Promise.all(engine.workers.map((worker) => worker.ready));
    } catch (error) {
      await engine.close();
      throw error;
    }
    return engine;
  }

  private spawn(): DecoderWorker {
    return new DecoderWorker({ modelDir: this.options.modelDir }, (dead, error) => this.replace(dead, error));
  }

  /** A crashed worker fails its streams (they reconnect or fail over) and is replaced. */
  private replace(dead: DecoderWorker, error: Error): void {
    const index = this.workers.indexOf(dead);
    if (index < 0) return;
    if (!this.closed) this.options.logger.error({ err: error.message }, 'decoder worker died');
    for (const stream of dead.streams.values()) {
      stream.options.onClosed(new ProviderError('engine_crashed', 'local speech engine worker stopped', true));
      stream.finished?.();
    }
    dead.streams.clear();
    if (this.closed) return;
    this.workers[index] = this.spawn();
    this.workers[index].ready.catch(() => {});
  }

  private activeStreams(): number {
    return this.workers.reduce((sum, worker) => sum + worker.streams.size, 0);
  }

  /** One decoder per channel (on the least busy threads); the capacity counts channels. */
  async connect(options: EngineConnectOptions): Promise<EngineConnection> {
    if (this.closed) throw new ProviderError('engine_closed', 'local speech engine is shutting down', true);
    if (options.sampleRateHz !== MODEL_SAMPLE_RATE_HZ) {
      throw new ProviderError('unsupported_rate', `the local speech engine decodes ${MODEL_SAMPLE_RATE_HZ} Hz audio, not ${options.sampleRateHz} Hz`, false);
    }
    if (this.activeStreams() + options.channels > this.options.maxStreams) {
      throw new ProviderError(
        'engine_busy',
        `the local speech engine is already serving its maximum of ${this.options.maxStreams} call channels (LOCAL_STT_MAX_STREAMS)`,
        true,
        'capacity',
      );
    }
    return connectPerChannel(options, (channel) => this.openChannel(channel));
  }

  /** A decoder stream for one channel's audio. */
  private async openChannel(options: EngineConnectOptions): Promise<EngineConnection> {
    const worker = this.workers.reduce((least, w) => (w.streams.size < least.streams.size ? w : least));
    const streamId = this.nextStreamId++;
    const stream: OpenStream = { options };
    worker.streams.set(streamId, stream);
    await worker.ready;
    await new Promise<void>((resolve, reject) => {
      stream.opened = (error) => (error ? reject(error) : resolve());
      worker.post({ type: 'open', streamId });
    });
    stream.opened = undefined;
    return {
      send: (samples) => {
        if (!worker.streams.has(streamId)) return;
        // A copy the worker may own outright (transferred, not cloned): the caller keeps its samples for replays.
        const owned = samples.slice();
        worker.post({ type: 'audio', streamId, samples: owned }, [owned.buffer as ArrayBuffer]);
      },
      finish: () =>
        new Promise<void>((resolve) => {
          if (!worker.streams.has(streamId)) return resolve();
          stream.finished = resolve;
          worker.post({ type: 'finish', streamId });
        }),
      close: () => {
        if (!worker.streams.delete(streamId)) return;
        worker.post({ type: 'abort', streamId });
      },
    };
  }

  /** Answers while at least one decoder worker is up. */
  async probe(): Promise<void> {
    if (this.closed) throw new ProviderError('engine_closed', 'local speech engine is shutting down', true);
    await Promise.any(this.workers.map((worker) => worker.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
