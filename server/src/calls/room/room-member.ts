import { PROTOCOL_VERSION, type ReadyMessage, type ServerMessage } from '@call-assist/shared';
import type { CallSocket } from '../call-socket.js';
import type { CallLog, LogPosition } from './call-log.js';

/** What `ready` says beyond the log: who the socket is and what serves the call. */
export type ReadyFields = Pick<ReadyMessage, 'role' | 'resumed'> & Partial<Pick<ReadyMessage, 'provider' | 'maxFrameBytes'>>;

/**
 * `joining`: attached, waiting for the call so far (messages queue in the outbox); `joined`: got
 * `ready`, receives live messages; `closed`: its socket is gone.
 */
type MemberState = 'joining' | 'joined' | 'closed';

/**
 * One socket in a call's room (the rep's, or a watcher's), typed by state, with an outbox, and a
 * record of what it was sent — so every final, card, feedback and mute reaches it exactly once,
 * however it joined (a resume from a position, a watcher moving from a remote feed to the room, a
 * catch-up after missed bus messages).
 */
export class RoomMember {
  private state: MemberState = 'joining';
  private outbox: { message: ServerMessage; payload: string }[] = [];
  private nextSeq = 0;
  private readonly cards = new Set<string>();
  /** Feedback it has seen, by card: the time it was recorded. */
  private readonly feedback = new Map<string, string>();
  private muted = false;

  constructor(
    private readonly socket: CallSocket,
    readonly callId: string,
    /** What the client said it holds (`hello`'s `lastSeq` / `lastCardId`); `ready` carries only what follows. */
    private readonly position: LogPosition = {},
    /** Its socket failed under a send: the owner detaches it. */
    private readonly onBroken: (member: RoomMember) => void = () => {},
  ) {}

  get isOpen(): boolean {
    return this.state !== 'closed';
  }

  get hasJoined(): boolean {
    return this.state === 'joined';
  }

  /**
   * Brings the member up to date with `log`: a joining member gets `ready` (the call after its
   * position) and then what queued meanwhile; a joined one gets what it lacks as live messages.
   */
  sync(log: CallLog, ready: ReadyFields): void {
    if (this.state === 'closed') return;
    if (this.state === 'joined') return this.catchUp(log);
    const { finals, cards } = log.since(this.position);
    const message: ReadyMessage = {
      type: 'ready',
      callId: this.callId,
      protocolVersion: PROTOCOL_VERSION,
      provider: ready.provider ?? log.provider,
      ...(ready.maxFrameBytes !== undefined && { maxFrameBytes: ready.maxFrameBytes }),
      channels: log.channels,
      channelRoles: [...log.speakers],
      role: ready.role,
      resumed: ready.resumed,
      audioMs: Math.round(log.audioMs),
      finals,
      cards,
      feedback: log.feedback(),
      muted: log.muted,
      mutedSpans: log.mutedSpans.map((span) => ({ ...span })),
    };
    this.nextSeq = log.nextSeq;
    for (const cardId of log.cardIds()) this.cards.add(cardId);
    for (const entry of message.feedback) this.feedback.set(entry.cardId, entry.at);
    this.muted = log.muted;
    this.state = 'joined';
    this.write(JSON.stringify(message));
    const queued = this.outbox;
    this.outbox = [];
    for (const { message: queuedMessage, payload } of queued) this.deliver(queuedMessage, payload);
  }

  /** A live message of the call, `payload` its JSON (serialised once for every member). */
  deliver(message: ServerMessage, payload: string): void {
    if (this.state === 'closed') return;
    if (this.state === 'joining') {
      this.outbox.push({ message, payload });
      return;
    }
    if (!this.lacks(message)) return;
    this.note(message);
    this.write(payload);
  }

  /** A message only for this member (an `error` answering its own request). */
  send(message: ServerMessage): void {
    if (this.state === 'joined') this.write(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.outbox = [];
    this.socket.close(code, reason.slice(0, 120));
  }

  /** The socket went away on its own: nothing more is sent. */
  closed(): void {
    this.state = 'closed';
    this.outbox = [];
  }

  private catchUp(log: CallLog): void {
    const { finals, cards } = log.since({ lastSeq: this.nextSeq - 1 });
    for (const final of finals) this.deliver(final, JSON.stringify(final));
    for (const card of cards) {
      if (this.cards.has(card.cardId)) continue;
      const { feedback: _feedback, ...message } = card;
      this.deliver(message, JSON.stringify(message));
    }
    for (const entry of log.feedback()) {
      const message: ServerMessage = { type: 'card.feedback', callId: this.callId, ...entry };
      this.deliver(message, JSON.stringify(message));
    }
    if (log.muted !== this.muted) {
      const span = log.mutedSpans.at(-1);
      const message: ServerMessage = { type: 'call.muted', callId: this.callId, muted: log.muted, atMs: (log.muted ? span?.startMs : span?.endMs) ?? log.audioMs };
      this.deliver(message, JSON.stringify(message));
    }
  }

  /** Whether the message tells the member something it has not been sent. */
  private lacks(message: ServerMessage): boolean {
    switch (message.type) {
      case 'transcript.final':
        return message.seq >= this.nextSeq;
      case 'card':
        return !this.cards.has(message.cardId);
      case 'card.feedback':
        return this.feedback.get(message.cardId) !== message.at;
      case 'call.muted':
        return message.muted !== this.muted;
      default:
        return true;
    }
  }

  private note(message: ServerMessage): void {
    if (message.type === 'transcript.final') this.nextSeq = message.seq + 1;
    else if (message.type === 'card') this.cards.add(message.cardId);
    else if (message.type === 'card.feedback') this.feedback.set(message.cardId, message.at);
    else if (message.type === 'call.muted') this.muted = message.muted;
  }

  private write(payload: string): void {
    try {
      this.socket.send(payload);
    } catch {
      // The socket closed under the send (the transport throws once closed): this member is gone.
      this.closed();
      this.onBroken(this);
    }
  }
}
