import type { DeepgramClient } from '@deepgram/sdk';
import { ProviderError } from '../../lib/errors.js';
import type { EngineConnectOptions, EngineConnection } from '../speech-engine.js';
import { closeError, openError } from './deepgram-errors.js';
import { parseServerMessage } from './deepgram-messages.js';
import { UtteranceAssembler } from './utterance-assembler.js';

export type ListenSocket = Awaited<ReturnType<DeepgramClient['listen']['v1']['connect']>>;

export interface DeepgramConnectionSettings {
  /** Send a KeepAlive when nothing was sent for this long (Deepgram closes after ~10 s). */
  keepAliveIntervalMs: number;
  /** Longest `finish()` waits for Deepgram's last results and close. */
  finishTimeoutMs: number;
  /** Host shown in connection errors (never the URL: its query holds the keyterms). */
  host: string;
}

type State = 'opening' | 'open' | 'finishing' | 'done';

/** One live connection to Deepgram's `/v1/listen`: audio out, Results in, errors as ProviderErrors. */
export class DeepgramConnection implements EngineConnection {
  private state: State = 'opening';
  /** One per channel: with `multichannel`, Deepgram reports each channel's utterances on their own. */
  private readonly assemblers: UtteranceAssembler[];
  private lastSentAt = 0;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private finishTimer: NodeJS.Timeout | undefined;
  private finishing: Promise<void> | undefined;
  private resolveFinish: (() => void) | undefined;
  private socketError: string | undefined;
  private cancelOpen: (() => void) | undefined;

  constructor(
    private readonly socket: ListenSocket,
    private readonly options: EngineConnectOptions,
    private readonly settings: DeepgramConnectionSettings,
    private readonly onDone: (connection: DeepgramConnection) => void,
  ) {
    this.assemblers = Array.from(
      { length: options.channels },
      (_, channel) =>
        new UtteranceAssembler((event) => {
          if (this.state !== 'done') options.onTranscript({ ...event, channel });
        }),
    );
  }

  /** Connects; rejects with a ProviderError saying why Deepgram could not be reached. */
  async open(): Promise<void> {
    this.socket.on('message', (message) => this.onMessage(message));
    // The SDK reports a failing socket as a synthetic close (code 1000) *before* the error that
    // caused it, in the same tick: read the close a microtask later, once the error is known.
    this.socket.on('error', (error) => (this.socketError = error.message));
    this.socket.on('close', (event) => queueMicrotask(() => this.onClose(event.code, event.reason ?? '')));
    // waitForOpen() never settles if the socket is closed before it connects: race our own stop.
    const opened = new Promise<void>((resolve, reject) => {
      this.cancelOpen = () => reject(new ProviderError('engine_closed', 'the Deepgram stream was closed while connecting', true));
      this.socket.waitForOpen().then(
        () => resolve(),
        (event: unknown) => reject(openError(errorText(event), this.settings.host)),
      );
    });
    this.socket.connect();
    try {
      await opened;
    } catch (error) {
      this.stop();
      throw error;
    }
    this.state = 'open';
    this.lastSentAt = Date.now();
    const tickMs = Math.max(50, Math.floor(this.settings.keepAliveIntervalMs / 4));
    this.keepAliveTimer = setInterval(() => this.keepAlive(), tickMs);
    this.keepAliveTimer.unref();
  }

  send(samples: Int16Array): void {
    // An empty binary frame means CloseStream to Deepgram: never send one.
    if (this.state !== 'open' || samples.length === 0) return;
    try {
      this.socket.sendMedia(samples);
      this.lastSentAt = Date.now();
    } catch {
      // The socket is closing; its close handler reports why.
    }
  }

  finish(): Promise<void> {
    if (this.finishing) return this.finishing;
    if (this.state !== 'open') return Promise.resolve();
    this.state = 'finishing';
    this.finishing = new Promise<void>((resolve) => {
      this.resolveFinish = resolve;
      this.finishTimer = setTimeout(() => {
        this.options.logger.warn({ timeoutMs: this.settings.finishTimeoutMs }, 'deepgram did not close the stream after CloseStream');
        this.endUtterances();
        this.stop();
      }, this.settings.finishTimeoutMs);
    });
    try {
      // Finalize flushes the utterance in progress; CloseStream then makes Deepgram send what is
      // left, its Metadata, and close with 1000.
      this.socket.sendFinalize({ type: 'Finalize' });
      this.socket.sendCloseStream({ type: 'CloseStream' });
    } catch {
      // Already closed: the close handler settles `finishing`.
    }
    return this.finishing;
  }

  close(): void {
    this.stop();
  }

  /** The engine shuts down under a live connection: tell the stream, which may fail over. */
  fail(error: ProviderError): void {
    if (this.state === 'done') return;
    const opening = this.state === 'opening';
    this.stop();
    // A connection still opening was never handed out: its open() rejects instead.
    if (!opening) this.options.onClosed(error);
  }

  private keepAlive(): void {
    if (this.state !== 'open' || Date.now() - this.lastSentAt < this.settings.keepAliveIntervalMs) return;
    try {
      this.socket.sendKeepAlive({ type: 'KeepAlive' });
      this.lastSentAt = Date.now();
    } catch {
      // Closing: nothing to keep alive.
    }
  }

  private onMessage(raw: unknown): void {
    if (this.state === 'done') return;
    const message = parseServerMessage(raw);
    switch (message?.type) {
      case 'Results':
        this.assemblerOf(message.channel_index)?.onResults(message);
        return;
      case 'UtteranceEnd':
        this.assemblerOf(message.channel)?.onUtteranceEnd();
        return;
      case 'Metadata':
        this.options.logger.debug({ requestId: message.request_id }, 'deepgram stream metadata');
        return;
      case 'SpeechStarted':
      case undefined:
        return;
    }
  }

  private onClose(code: number, reason: string): void {
    if (this.state === 'done' || this.state === 'opening') return;
    if (this.state === 'finishing' && (code === 1000 || code === 1005) && !this.socketError) {
      this.endUtterances();
      this.stop();
      return;
    }
    const error = closeError(code, reason, this.socketError);
    this.options.logger.warn({ code, reason: reason.slice(0, 120), errorCode: error.code }, 'deepgram stream closed unexpectedly');
    this.stop();
    this.options.onClosed(error);
  }

  /** Deepgram's `[channel, channels]` (absent: the only channel). */
  private assemblerOf(channelIndex: number[] | undefined): UtteranceAssembler | undefined {
    return this.assemblers[channelIndex?.[0] ?? 0];
  }

  private endUtterances(): void {
    for (const assembler of this.assemblers) assembler.end();
  }

  /** Ends the connection for good: no event after this, `finish()` resolves, the slot is freed. */
  private stop(): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.cancelOpen?.();
    clearInterval(this.keepAliveTimer);
    clearTimeout(this.finishTimer);
    this.socket.close();
    this.resolveFinish?.();
    this.onDone(this);
  }
}

function errorText(event: unknown): string {
  if (event instanceof Error) return event.message;
  const message = (event as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : 'unknown error';
}
