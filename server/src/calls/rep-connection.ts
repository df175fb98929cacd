import {
  AUDIO_SAMPLE_RATE_HZ,
  channelSpeakers,
  CloseCode,
  controlMessageSchema,
  helloMessageSchema,
  MAX_CONTROL_FRAME_BYTES,
  maxAudioFrameBytes,
  PROTOCOL_VERSION,
  RETRYABLE_CLOSE_CODES,
  SUPPORTED_PROTOCOL_VERSIONS,
  type ControlMessage,
  type HelloMessage,
} from '@call-assist/shared';
import type { AudioLayout } from './call-store.js';
import type { OrgScope } from '../db/organisations.js';
import { describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import type { CallSocket } from './call-socket.js';
import type { LiveCalls } from './live-calls.js';
import type { CallRoom } from './room/call-room.js';
import { RoomMember } from './room/room-member.js';
import { TokenBucket } from './token-bucket.js';

/** Bytes per second of one channel of call audio. */
const BYTES_PER_SECOND = AUDIO_SAMPLE_RATE_HZ * 2;
/** Audio buffered while the call's room opens (engine start-up), at most this much (per channel). */
const MAX_EARLY_AUDIO_S = 10;
/** A client may catch up after a network stall (10 s burst) but not stream much faster than real time; a stereo call twice the bytes. */
const audioBudget = (channels: number) => new TokenBucket(10 * BYTES_PER_SECOND * channels, 1.5 * BYTES_PER_SECOND * channels);
const controlBudget = () => new TokenBucket(20, 10);
const HELLO_TIMEOUT_MS = 10_000;

type State = 'awaiting-hello' | 'joining' | 'streaming' | 'ending' | 'closed';

/**
 * The rep's socket for one call, as a protocol state machine: `hello` → joins the call's room
 * (`ready`), then audio and control frames, `end` → flush → `call.ended` → close 1000. Any protocol
 * violation closes this socket alone, with its code. A socket that drops without `end` leaves the
 * call to the rep's next socket (the room's grace period).
 */
export class RepConnection {
  private state: State = 'awaiting-hello';
  private room: CallRoom | undefined;
  private member: RoomMember | undefined;
  /** The code this side closed with, if it did. */
  private closedWith: CloseCode | undefined;
  private earlyAudio: Int16Array[] = [];
  private earlyAudioBytes = 0;
  /** Set by `hello`: the call's channels decide frame sizes and the audio budget. */
  private layout: AudioLayout = { channels: 1, speakers: ['any'] };
  private audioBudget = audioBudget(1);
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
    const { channels } = this.layout;
    if (frame.byteLength > maxAudioFrameBytes(channels)) return this.fail(CloseCode.frameTooLarge, `audio frame over ${maxAudioFrameBytes(channels)} bytes`);
    if (frame.byteLength % (2 * channels) !== 0) {
      return this.fail(CloseCode.invalidMessage, channels === 1 ? 'audio frame is not whole PCM16 samples' : `audio frame is not whole frames of ${channels} interleaved PCM16 samples`);
    }
    if (!this.audioBudget.take(frame.byteLength)) return this.fail(CloseCode.rateLimited, 'audio arrives faster than real time');
    if (frame.byteLength === 0) return;
    metrics.audioFrames.inc();
    metrics.audioBytes.inc(frame.byteLength);
    // Copied: uWebSockets.js reuses the frame's memory once the callback returns.
    const samples = new Int16Array(frame.slice(0));
    if (this.state === 'streaming') return this.room!.writeAudio(samples);
    this.earlyAudioBytes += samples.byteLength;
    if (this.earlyAudioBytes > MAX_EARLY_AUDIO_S * BYTES_PER_SECOND * channels) return this.fail(CloseCode.rateLimited, 'too much audio before ready');
    this.earlyAudio.push(samples);
  }

  /** The socket closed (either side). A call left without `end` waits for the rep to reconnect. */
  onClose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.helloTimer);
    this.member?.closed();
    this.leave();
  }

  /** Leaves the call to the rep's next socket; ends it at once if we closed with a code the client does not retry after. */
  private leave(): void {
    if (!this.room || !this.member) return;
    const final = this.closedWith !== undefined && !RETRYABLE_CLOSE_CODES.has(this.closedWith);
    this.room.leave(this.member, { endNow: final });
  }

  private async onHello(json: unknown): Promise<void> {
    const version = (json as { protocolVersion?: unknown } | null)?.protocolVersion;
    if ((json as { type?: unknown } | null)?.type === 'hello' && typeof version === 'number' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      return this.fail(CloseCode.versionMismatch, `protocol version ${version} not supported; server speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(' and ')} (latest ${PROTOCOL_VERSION})`);
    }
    const hello = helloMessageSchema.safeParse(json);
    if (!hello.success) return this.fail(CloseCode.invalidMessage, `expected hello: ${hello.error.issues[0]?.message ?? 'invalid'}`);
    const layout = layoutOf(hello.data);
    if (typeof layout === 'string') return this.fail(CloseCode.invalidMessage, layout);
    clearTimeout(this.helloTimer);
    this.layout = layout;
    this.audioBudget = audioBudget(layout.channels);
    this.state = 'joining';
    const member = new RoomMember(this.socket, this.callId, { lastSeq: hello.data.lastSeq, lastCardId: hello.data.lastCardId }, () => this.onClose());
    try {
      const joined = await this.calls.joinRep(this.scope, this.callId, member, { takeOver: hello.data.resume === true, layout });
      if (!joined.ok) return this.fail(joined.code, joined.reason);
      this.member = member;
      this.room = joined.room;
      // The socket went away while the call was starting: the call waits for a reconnect.
      if (this.state !== 'joining') return this.leave();
      this.state = 'streaming';
      for (const samples of this.earlyAudio) joined.room.writeAudio(samples);
      this.earlyAudio = [];
    } catch (error) {
      this.logger.error({ err: describeError(error), callId: this.callId }, 'could not start call session');
      this.fail(CloseCode.internalError, 'could not start the call');
    }
  }

  private async onControl(message: ControlMessage): Promise<void> {
    const room = this.room!;
    switch (message.type) {
      case 'end':
        this.state = 'ending';
        await room.end('ended');
        return;
      case 'mute':
        room.mute(message.muted);
        return;
      case 'card.feedback': {
        // The rep hears it back like every other socket on the call.
        const recorded = await room.feedback(message.cardId, message.feedback);
        if (!recorded) this.member?.send({ type: 'error', code: 'unknown_card', message: 'no such card in this call; feedback ignored' });
        return;
      }
      default:
        message satisfies never;
    }
  }

  private fail(code: CloseCode, reason: string): void {
    if (this.state === 'closed') return;
    this.logger.info({ callId: this.callId, code, reason }, 'closing live-call socket');
    this.closedWith = code;
    this.socket.close(code, reason.slice(0, 120));
    this.onClose();
  }
}

/** The call's channels and who each carries, from `hello`; a string says what is wrong with it. */
function layoutOf(hello: HelloMessage): AudioLayout | string {
  if (hello.channels > 1 && hello.protocolVersion < 2) return 'two channels need protocol version 2';
  if (hello.channelRoles && hello.channelRoles.length !== hello.channels) return `channelRoles must name each of the ${hello.channels} channels once`;
  return { channels: hello.channels, speakers: channelSpeakers(hello.channels, hello.channelRoles) };
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
