import {
  AUDIO_SAMPLE_RATE_HZ,
  CloseCode,
  controlMessageSchema,
  helloMessageSchema,
  MAX_AUDIO_FRAME_BYTES,
  MAX_CONTROL_FRAME_BYTES,
  PROTOCOL_VERSION,
  RETRYABLE_CLOSE_CODES,
  type ControlMessage,
  type ReadyMessage,
  type ServerMessage,
} from '@call-assist/shared';
import type { Unsubscribe } from '../bus/bus.js';
import type { OrgScope } from '../db/organisations.js';
import type { Logger } from '../lib/logger.js';
import type { CallSession, SessionSnapshot } from './call-session.js';
import type { CallSocket } from './call-socket.js';
import type { LiveCalls } from './live-calls.js';
import type { SessionOwner } from './live-sessions.js';
import { TokenBucket } from './token-bucket.js';
import { describeError } from '../lib/errors.js';
import { metrics } from '../lib/metrics.js';

const BYTES_PER_SECOND = AUDIO_SAMPLE_RATE_HZ * 2;
/** Audio buffered while the session opens (engine start-up), at most this much. */
const MAX_EARLY_AUDIO_BYTES = 10 * BYTES_PER_SECOND;
/** A client may catch up after a network stall (10 s burst) but not stream much faster than real time. */
const audioBudget = () => new TokenBucket(10 * BYTES_PER_SECOND, 1.5 * BYTES_PER_SECOND);
const controlBudget = () => new TokenBucket(20, 10);
const HELLO_TIMEOUT_MS = 10_000;

type State = 'awaiting-hello' | 'opening' | 'streaming' | 'ending' | 'closed';

/**
 * The rep's socket for one call: `hello` → `ready`, then audio and control frames, `end` → flush →
 * `call.ended` → close 1000. Any protocol violation closes this socket alone, with its code. A socket
 * that drops without `end` leaves the call to be resumed by the rep's next socket (`LiveCalls.release`).
 */
export class RepConnection implements SessionOwner {
  private state: State = 'awaiting-hello';
  private session: CallSession | undefined;
  private unsubscribe: Unsubscribe | undefined;
  /** The code this side closed with, if it did. */
  private closedWith: CloseCode | undefined;
  /** What the call published before `ready` went out: sent right after it. */
  private relayedBeforeReady: string[] = [];
  private earlyAudio: Int16Array[] = [];
  private earlyAudioBytes = 0;
  private readonly audioBudget = audioBudget();
  private readonly controlBudget = controlBudget();
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: CallSocket,
    private readonly scope: OrgScope,
    private readonly callId: string,
    private readonly calls: LiveCalls,
    private readonly logger: Logger,
  ) {
    this.helloTimer = setTimeout(() => this.fail(CloseCode.invalidMessage, 'no hello received'), HELLO_TIMEOUT_MS);
  }

  onText(text: string): void {
    if (this.state === 'closed') return;
    if (Buffer.byteLength(text) > MAX_CONTROL_FRAME_BYTES) return this.fail(CloseCode.frameTooLarge, 'control frame too large');
    if (!this.controlBudget.take(1)) return this.fail(CloseCode.rateLimited, 'too many control messages');
    const json = parseJson(text);
    if (json === undefined) return this.fail(CloseCode.invalidMessage, 'message is not valid JSON');
    if (this.state === 'awaiting-hello') return void this.onHello(json);
    const parsed = controlMessageSchema.safeParse(json);
    if (!parsed.success) return this.fail(CloseCode.invalidMessage, `invalid control message: ${describe(json)}`);
    if (this.state === 'streaming') void this.onControl(parsed.data);
  }

  onBinary(frame: ArrayBuffer): void {
    if (this.state === 'closed' || this.state === 'ending') return;
    if (this.state === 'awaiting-hello') return this.fail(CloseCode.invalidMessage, 'audio before hello');
    if (frame.byteLength > MAX_AUDIO_FRAME_BYTES) return this.fail(CloseCode.frameTooLarge, `audio frame over ${MAX_AUDIO_FRAME_BYTES} bytes`);
    if (frame.byteLength % 2 !== 0) return this.fail(CloseCode.invalidMessage, 'audio frame is not whole PCM16 samples');
    if (!this.audioBudget.take(frame.byteLength)) return this.fail(CloseCode.rateLimited, 'audio arrives faster than real time');
    if (frame.byteLength === 0) return;
    metrics.audioFrames.inc();
    metrics.audioBytes.inc(frame.byteLength);
    // Copied: uWebSockets.js reuses the frame's memory once the callback returns.
    const samples = new Int16Array(frame.slice(0));
    if (this.state === 'streaming') return this.session!.writeAudio(samples);
    this.earlyAudioBytes += samples.byteLength;
    if (this.earlyAudioBytes > MAX_EARLY_AUDIO_BYTES) return this.fail(CloseCode.rateLimited, 'too much audio before ready');
    this.earlyAudio.push(samples);
  }

  /** The socket closed (either side). A call left without `end` waits for the rep to reconnect. */
  onClose(): void {
    const wasStreaming = this.state === 'streaming';
    this.state = 'closed';
    clearTimeout(this.helloTimer);
    void this.unsubscribe?.();
    if (wasStreaming) this.releaseSession(this.session!);
  }

  /** Leaves the call to the rep's next socket; ends it at once if we closed with a code the client does not retry after. */
  private releaseSession(session: CallSession): void {
    const final = this.closedWith !== undefined && !RETRYABLE_CLOSE_CODES.has(this.closedWith);
    this.calls.release(session, this, { endNow: final });
  }

  /** The rep's new socket took the call over (this one may be dead without the server knowing yet). */
  supersede(): void {
    this.fail(CloseCode.callBusy, 'another connection resumed this call');
  }

  private async onHello(json: unknown): Promise<void> {
    const version = (json as { protocolVersion?: unknown } | null)?.protocolVersion;
    if ((json as { type?: unknown } | null)?.type === 'hello' && version !== PROTOCOL_VERSION) {
      return this.fail(CloseCode.versionMismatch, `protocol version ${String(version)} not supported; server speaks ${PROTOCOL_VERSION}`);
    }
    const hello = helloMessageSchema.safeParse(json);
    if (!hello.success) return this.fail(CloseCode.invalidMessage, `expected hello: ${hello.error.issues[0]?.message ?? 'invalid'}`);
    clearTimeout(this.helloTimer);
    this.state = 'opening';
    try {
      this.unsubscribe = await this.calls.relay(
        this.callId,
        (payload) => this.relayed(payload),
        () => this.close(CloseCode.normal, 'call ended'),
      );
      // The socket went away meanwhile.
      if (this.state !== 'opening') return void this.unsubscribe();
      const started = await this.calls.start(this.scope, this.callId, this, { takeOver: hello.data.resume === true });
      if (!started.ok) return this.fail(started.code, started.reason);
      this.session = started.session;
      if (this.state !== 'opening') {
        // The socket went away while the engine was starting: the call waits for a reconnect.
        return this.releaseSession(started.session);
      }
      this.state = 'streaming';
      const ready: ReadyMessage = { type: 'ready', callId: this.callId, protocolVersion: PROTOCOL_VERSION, provider: started.provider, maxFrameBytes: MAX_AUDIO_FRAME_BYTES, resumed: started.resumed };
      if (started.resumed) {
        const snapshot = started.session.snapshot();
        this.send({ ...ready, ...snapshot });
        this.flushRelayed(snapshot);
      } else {
        this.send(ready);
        this.flushRelayed(undefined);
      }
      for (const samples of this.earlyAudio) started.session.writeAudio(samples);
      this.earlyAudio = [];
    } catch (error) {
      this.logger.error({ err: describeError(error), callId: this.callId }, 'could not start call session');
      this.fail(CloseCode.internalError, 'could not start the call');
    }
  }

  private async onControl(message: ControlMessage): Promise<void> {
    switch (message.type) {
      case 'end':
        this.state = 'ending';
        await this.session!.end('ended');
        return;
      case 'mute':
        return;
      case 'card.feedback': {
        // The rep hears it back through the call's channel, like every watcher.
        const recorded = await this.session!.feedback(message.cardId, message.feedback);
        if (!recorded) this.send({ type: 'error', code: 'unknown_card', message: 'no such card in this call; feedback ignored' });
        return;
      }
      default:
        message satisfies never;
    }
  }

  private relayed(payload: string): void {
    if (this.state === 'opening') this.relayedBeforeReady.push(payload);
    else if (this.state !== 'closed') this.socket.send(payload);
  }

  /** Sends what arrived before `ready`, less what a resumed socket's snapshot already holds. */
  private flushRelayed(snapshot: SessionSnapshot | undefined): void {
    const cardIds = new Set(snapshot?.cards.map((card) => card.cardId));
    const finals = snapshot?.finals.length ?? 0;
    for (const payload of this.relayedBeforeReady) {
      const message = parseJson(payload) as ServerMessage | undefined;
      if (message?.type === 'transcript.final' && message.seq < finals) continue;
      if (message?.type === 'card' && cardIds.has(message.cardId)) continue;
      this.socket.send(payload);
    }
    this.relayedBeforeReady = [];
  }

  private send(message: ServerMessage): void {
    if (this.state !== 'closed') this.socket.send(JSON.stringify(message));
  }

  private fail(code: CloseCode, reason: string): void {
    if (this.state === 'closed') return;
    this.logger.info({ callId: this.callId, code, reason }, 'closing live-call socket');
    this.close(code, reason);
  }

  private close(code: CloseCode, reason: string): void {
    if (this.state === 'closed') return;
    this.closedWith = code;
    this.socket.close(code, reason.slice(0, 120));
    this.onClose();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Names the message type in an error without echoing content. */
function describe(json: unknown): string {
  const type = (json as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? `type ${JSON.stringify(type.slice(0, 40))}` : 'no type';
}
