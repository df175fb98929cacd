import { randomUUID } from 'node:crypto';
import type { CardFeedback, CardFeedbackRecordedMessage } from '@call-assist/shared';
import { channels, type Bus, type Unsubscribe } from '../../bus/bus.js';
import type { BusRpc } from '../../bus/bus-rpc.js';
import { describeError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { CallSnapshot } from './call-log.js';
import { envelopeText, roomRequestSchema, type FeedbackReply, type SnapshotReply } from './room-wire.js';

/** While other gateways listen, a heartbeat this often tells them how many messages there were. */
export const HEARTBEAT_MS = 2_000;

/** What the relay asks of its room. */
export interface RelayedRoom {
  snapshot(): CallSnapshot;
  feedback(cardId: string, feedback: CardFeedback): Promise<CardFeedbackRecordedMessage | undefined>;
}

/**
 * The room's side of the bus: its messages go to other gateways only while one of them has
 * watchers on the call (a gateway that asks for a snapshot is listening; a publish nobody receives
 * means nobody is), and requests from other gateways (snapshot, card feedback) are served here.
 * Nothing on the rep's path waits for it: publishing is fire-and-forget, and a bus that is down
 * costs the call nothing but the remote watchers, who catch up from a snapshot once it is back.
 */
export class RoomRelay {
  readonly epoch = randomUUID();
  private n = 0;
  private listening = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private unserve: Unsubscribe | undefined;
  /** Publishing fails (bus down): logged once until it works again. */
  private failing = false;
  private stopped = false;

  constructor(
    private readonly callId: string,
    private readonly bus: Bus,
    private readonly rpc: BusRpc,
    private readonly room: RelayedRoom,
    private readonly logger: Logger,
  ) {}

  /** Serves the call's requests, then tells gateways already holding watchers that the call runs here. */
  async start(): Promise<void> {
    const unserve = await this.rpc.serve(channels.room(this.callId), (body) => this.handle(body));
    // The call may have ended while the bus was subscribing.
    if (this.stopped) return void (await unserve());
    this.unserve = unserve;
    this.send(envelopeText(this.epoch, this.n));
  }

  /** A message of the call (already serialised). */
  publish(payload: string): void {
    this.n++;
    if (this.listening) this.send(envelopeText(this.epoch, this.n, payload));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.setListening(false);
    await this.unserve?.();
  }

  private async handle(body: unknown): Promise<SnapshotReply | FeedbackReply> {
    const request = roomRequestSchema.parse(body);
    if (request.type === 'snapshot') {
      this.setListening(true);
      return { epoch: this.epoch, n: this.n, snapshot: this.room.snapshot() };
    }
    return { recorded: (await this.room.feedback(request.cardId, request.feedback)) ?? null };
  }

  private send(envelope: string): void {
    this.bus.publish(channels.call(this.callId), envelope).then(
      (receivers) => {
        this.failing = false;
        if (receivers > 0 && !this.stopped) this.setListening(true);
        else if (receivers === 0) this.setListening(false);
      },
      (error: unknown) => {
        if (this.failing) return;
        this.failing = true;
        this.logger.warn({ err: describeError(error), callId: this.callId }, 'could not relay a live call to other gateways; their watchers catch up once the bus is back');
      },
    );
  }

  private setListening(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    if (!on) return;
    this.heartbeat = setInterval(() => this.send(envelopeText(this.epoch, this.n)), HEARTBEAT_MS);
    this.heartbeat.unref();
  }
}
