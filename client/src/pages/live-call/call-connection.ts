import {
  AUDIO_SAMPLE_RATE_HZ,
  CloseCode,
  parseServerMessage,
  PROTOCOL_VERSION,
  RETRYABLE_CLOSE_CODES,
  type ControlMessage,
  type HelloMessage,
  type ReadyMessage,
  type ServerMessage,
} from '@call-assist/shared';

export type ConnectionState =
  /** Opening the first socket of the call. */
  | 'connecting'
  /** `ready` received: audio flows. */
  | 'live'
  /** The socket dropped; a new one is due (audio is kept meanwhile, up to a limit). */
  | 'reconnecting'
  /** `end` sent; waiting for the last transcript and `call.ended`. */
  | 'ending'
  | 'ended'
  /** Closed for a reason retrying cannot fix. */
  | 'failed';

export interface ConnectionEvents {
  onState(state: ConnectionState, detail: { attempt: number; reason?: string }): void;
  onReady(message: ReadyMessage): void;
  onMessage(message: ServerMessage): void;
  /** What this page already holds of the call: a resumed socket's `ready` carries only what follows. */
  position?(): Pick<HelloMessage, 'lastSeq' | 'lastCardId'>;
}

/**
 * Recent audio kept for a reconnect (8 s): the new socket resends from where the server's audio
 * ends (`ready.audioMs`), which also covers frames a shutting-down gateway never took in. The
 * server accepts bursts of up to 10 s.
 */
const HISTORY_SAMPLES = 8 * AUDIO_SAMPLE_RATE_HZ;
/** How long a new socket may take to say `ready` before it is given up and retried. */
const READY_TIMEOUT_MS = 20_000;
/** After `end`, how long to wait for `call.ended` before closing ourselves. */
const END_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 10_000;
/** Transport-level closes (going away, abnormal, server restart…) after which trying again may work. */
const RETRYABLE_TRANSPORT_CODES = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1014]);

const CLOSE_REASONS: Record<number, string> = {
  [CloseCode.invalidMessage]: 'the server refused a message from this page',
  [CloseCode.unauthorized]: 'the call token was refused (expired?)',
  [CloseCode.unknownCall]: 'the server does not know this call',
  [CloseCode.versionMismatch]: 'this page is out of date: reload it',
  [CloseCode.callEnded]: 'the call has already ended',
  [CloseCode.frameTooLarge]: 'an audio frame was too large',
  [CloseCode.callBusy]: 'the call continues in another window or tab',
};

/** Delay before reconnect attempt `attempt` (1-based): exponential from 0.5 s, capped, with jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (attempt - 1));
  return Math.round(base * (0.5 + random() / 2));
}

/**
 * Thrown by a socket-URL provider when no new socket can help: the call is over (`ended`), or the
 * server will not let this user stream it (`failed`). Any other failure to get a URL is retried.
 */
export class CallUnavailableError extends Error {
  constructor(
    readonly outcome: 'ended' | 'failed',
    reason: string,
  ) {
    super(reason);
    this.name = 'CallUnavailableError';
  }
}

/**
 * The rep's socket for one call, across reconnects: `hello` → `ready`, audio as binary frames,
 * control as JSON. A dropped socket (or a retryable close code) is reopened with backoff on the same
 * call, each attempt with a URL fresh from `socketUrl` (tokens are short-lived: a reconnect ten minutes
 * into a call needs a new one); the recent audio is kept and the new socket sends what the server does not have.
 */
export class CallConnection {
  private socket: WebSocket | undefined;
  private state: ConnectionState = 'connecting';
  private attempt = 0;
  private helloSent = false;
  private readonly channels: 1 | 2;
  /** Captured audio not yet known to be safe at the server, by call position (interleaved samples since the start). */
  private history: { at: number; pcm: Int16Array }[] = [];
  private capturedSamples = 0;
  /** Audio up to here went to a live socket. */
  private sentUpTo = 0;
  /** Where this page's first captured sample sits in the call's audio (samples); known at the first `ready`. */
  private callOffset: number | undefined;
  private droppedBytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once a socket of this call was ready: every later socket resumes the call. */
  private resuming = false;
  /** Counts attempts to open a socket; an answer for an older attempt (a URL that came late) is ignored. */
  private openings = 0;
  private readonly onOnline = () => {
    if (this.state === 'reconnecting') this.reconnectNow();
  };

  constructor(
    /** The socket URL for the next attempt; asked again for every (re)connect. */
    private readonly socketUrl: () => Promise<string>,
    private readonly events: ConnectionEvents,
    /** `resume`: the call already streamed from another socket (e.g. before this page was reloaded). */
    /** `channels`: 1 (the microphone) or 2 (and the caller), interleaved in every frame. */
    options: { resume?: boolean; channels?: 1 | 2 } = {},
  ) {
    this.resuming = options.resume ?? false;
    this.channels = options.channels ?? 1;
    window.addEventListener('online', this.onOnline);
    this.open();
  }

  get currentState(): ConnectionState {
    return this.state;
  }

  /** Audio lost because a disconnection outlasted the kept history (8 s), in bytes. */
  get lostAudioBytes(): number {
    return this.droppedBytes;
  }

  sendAudio(pcm: Int16Array): void {
    if (this.state === 'ending' || this.state === 'ended' || this.state === 'failed') return;
    const frame = { at: this.capturedSamples, pcm: pcm.slice() };
    this.capturedSamples += frame.pcm.length;
    this.history.push(frame);
    while (this.history.length > 0 && this.capturedSamples - this.history[0]!.at > HISTORY_SAMPLES * this.channels + frame.pcm.length) {
      const dropped = this.history.shift()!;
      // Audio that never reached a live socket is lost for good.
      if (dropped.at + dropped.pcm.length > this.sentUpTo) this.droppedBytes += (dropped.at + dropped.pcm.length - Math.max(dropped.at, this.sentUpTo)) * 2;
    }
    if (this.state === 'live' && this.canSend()) {
      this.socket!.send(frame.pcm);
      this.sentUpTo = this.capturedSamples;
    }
  }

  /**
   * After `ready`: sends the audio the server does not have yet. A resumed call says where its audio
   * ends (`audioMs`, in call time); this page's first sample is at `callOffset` in the call (after a
   * reload, the call had audio before this page existed).
   */
  private sendMissingAudio(ready: ReadyMessage): void {
    // In interleaved samples, as the history counts them.
    const serverHas = Math.round((ready.audioMs * AUDIO_SAMPLE_RATE_HZ) / 1000) * this.channels;
    // The first `ready` of this page: nothing it captured reached the server yet.
    this.callOffset ??= serverHas;
    const from = serverHas - this.callOffset;
    for (const frame of this.history) {
      const end = frame.at + frame.pcm.length;
      if (end <= from) continue;
      this.socket!.send(frame.at >= from ? frame.pcm : frame.pcm.subarray(from - frame.at));
    }
    this.sentUpTo = this.capturedSamples;
  }

  /** Sends a control message if the call is live; false if it could not be sent now. */
  sendControl(message: ControlMessage): boolean {
    if (this.state !== 'live' || !this.canSend()) return false;
    this.socket!.send(JSON.stringify(message));
    return true;
  }

  /** Ends the call: the server flushes the transcript, sends `call.ended` and closes. */
  end(): void {
    if (this.state === 'ended' || this.state === 'failed' || this.state === 'ending') return;
    if (this.state === 'live' && this.canSend()) {
      this.socket!.send(JSON.stringify({ type: 'end' } satisfies ControlMessage));
      this.setState('ending');
      this.schedule(END_TIMEOUT_MS, () => this.finish('ended', 'the server did not confirm the end in time'));
      return;
    }
    // Not connected: closing is enough, the server ends a call whose socket went away.
    this.finish('ended', 'ended while disconnected');
  }

  /** Stops everything without ending the call on purpose (page teardown). */
  dispose(): void {
    this.finish('ended');
  }

  private open(): void {
    const opening = ++this.openings;
    this.discardSocket();
    // One deadline for getting the URL (a token request) and for the socket's `ready`.
    this.schedule(READY_TIMEOUT_MS, () => {
      if (opening !== this.openings || !this.isConnecting()) return;
      if (this.socket) this.dropSocket(1006);
      else this.retryLater('no answer from the server');
    });
    this.socketUrl().then(
      (url) => {
        if (opening === this.openings && this.isConnecting()) this.connect(url);
      },
      (error: unknown) => {
        if (opening !== this.openings || !this.isConnecting()) return;
        if (error instanceof CallUnavailableError) this.finish(error.outcome, error.message);
        else this.retryLater(error instanceof Error ? error.message : undefined);
      },
    );
  }

  private connect(url: string): void {
    this.helloSent = false;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      // Two channels: 0 the rep's microphone (agent), 1 the caller — the protocol's default roles.
      const hello: HelloMessage = { type: 'hello', protocolVersion: PROTOCOL_VERSION, sampleRate: AUDIO_SAMPLE_RATE_HZ, encoding: 'pcm16', channels: this.channels };
      // A reconnect takes the call over even if the server has not yet noticed the old socket is gone,
      // and asks only for what this page does not hold yet.
      if (this.resuming) Object.assign(hello, { resume: true }, this.events.position?.());
      socket.send(JSON.stringify(hello));
      this.helloSent = true;
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (socket !== this.socket || typeof event.data !== 'string') return;
      const parsed = parseServerMessage(event.data);
      // Unknown types are ignored (a newer server during a rolling deploy); a known one in the wrong shape is not trusted.
      if (!parsed.ok) {
        if (parsed.reason === 'invalid') console.warn(`live-call socket: a message was ignored (${parsed.detail})`);
        return;
      }
      const message = parsed.message;
      if (message.type === 'ready') {
        this.attempt = 0;
        this.resuming = true;
        this.clearTimer();
        this.sendMissingAudio(message);
        this.setState('live');
        this.events.onReady(message);
        return;
      }
      this.events.onMessage(message);
      if (message.type === 'call.ended') this.finish('ended');
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.onClosed(event.code, event.reason);
    };
    // `error` is always followed by `close`, which decides what happens.
    socket.onerror = () => {};
  }

  private isConnecting(): boolean {
    return this.state === 'connecting' || this.state === 'reconnecting';
  }

  /** Another attempt after a backoff: the server may be back, the network too. */
  private retryLater(reason?: string): void {
    this.attempt++;
    this.setState('reconnecting', reason);
    this.schedule(backoffMs(this.attempt), () => this.open());
  }

  private onClosed(code: number, reason: string): void {
    this.socket = undefined;
    this.helloSent = false;
    if (this.state === 'ended' || this.state === 'failed') return;
    if (this.state === 'ending') return this.finish('ended');
    if (code === CloseCode.normal) return this.finish('ended', reason || 'the call ended');
    if (code === CloseCode.callEnded && this.attempt > 0) return this.finish('ended', 'the call ended while the connection was down');
    if (RETRYABLE_CLOSE_CODES.has(code) || RETRYABLE_TRANSPORT_CODES.has(code)) return this.retryLater(reason || undefined);
    this.finish('failed', CLOSE_REASONS[code] ?? (reason || `the connection closed (code ${code})`));
  }

  private reconnectNow(): void {
    this.clearTimer();
    this.open();
  }

  private dropSocket(code: number): void {
    if (!this.socket) return;
    this.discardSocket();
    this.onClosed(code, 'no answer from the server');
  }

  /** Closes the current socket, if any, without it deciding anything (its `close` is no longer heard). */
  private discardSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.onclose = null;
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(1000);
  }

  private canSend(): boolean {
    return this.helloSent && this.socket?.readyState === WebSocket.OPEN;
  }

  private finish(state: 'ended' | 'failed', reason?: string): void {
    if (this.state === 'ended' || this.state === 'failed') return;
    this.clearTimer();
    window.removeEventListener('online', this.onOnline);
    this.discardSocket();
    this.history = [];
    this.setState(state, reason);
  }

  private setState(state: ConnectionState, reason?: string): void {
    this.state = state;
    this.events.onState(state, { attempt: this.attempt, ...(reason && { reason }) });
  }

  private schedule(delayMs: number, action: () => void): void {
    this.clearTimer();
    this.timer = setTimeout(action, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
