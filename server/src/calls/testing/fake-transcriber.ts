import { ProviderError } from '../../lib/errors.js';
import type { StreamingTranscriber, TranscriberStream, TranscriberStreamOptions, TranscriptEvent } from '../../stt/streaming-transcriber.js';

/** A speech stream the test speaks for: it says what the "engine" heard, and decides when `finish` completes. */
export class FakeStream implements TranscriberStream {
  readonly written: Int16Array[] = [];
  aborted = false;
  private finishing: { resolve: () => void; promise: Promise<void> } | undefined;
  /** `finish()` waits until `completeFinish()` (to hold a call in the middle of its end); else it resolves at once. */
  holdFinish = false;

  constructor(
    readonly options: TranscriberStreamOptions,
    public provider: string,
  ) {}

  get samplesWritten(): number {
    return this.written.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  write(samples: Int16Array): void {
    this.written.push(samples.slice());
  }

  arrivalOf(): number | undefined {
    return undefined;
  }

  /** The engine reports `event` (times in call ms). */
  hear(event: TranscriptEvent): void {
    this.options.onTranscript(event);
  }

  finish(): Promise<void> {
    if (!this.holdFinish) return Promise.resolve();
    if (!this.finishing) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.finishing = { resolve, promise };
    }
    return this.finishing.promise;
  }

  completeFinish(): void {
    this.finishing?.resolve();
  }

  abort(): void {
    this.aborted = true;
  }
}

/** A transcriber whose streams are `FakeStream`s; `refuse` makes the next open fail. */
export class FakeTranscriber implements StreamingTranscriber {
  readonly name = 'fake';
  readonly streams: FakeStream[] = [];
  refuse = false;

  async open(options: TranscriberStreamOptions): Promise<TranscriberStream> {
    if (this.refuse) throw new ProviderError('engine_busy', 'the fake engine is full', true, 'capacity');
    const stream = new FakeStream(options, this.name);
    this.streams.push(stream);
    return stream;
  }

  async close(): Promise<void> {}

  get last(): FakeStream {
    return this.streams.at(-1)!;
  }
}
