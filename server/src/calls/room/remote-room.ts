import { CloseCode, type ServerMessage } from '@call-assist/shared';
import { channels, type Bus, type Unsubscribe } from '../../bus/bus.js';
import { RpcTimeout, type BusRpc } from '../../bus/bus-rpc.js';
import type { OrgScope } from '../../db/organisations.js';
import { describeError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { CallStore } from '../call-store.js';
import { CallLog } from './call-log.js';
import { HEARTBEAT_MS } from './room-relay.js';
import type { RoomMember } from './room-member.js';
import { envelopeSchema, snapshotReplySchema, type Envelope } from './room-wire.js';
import { logFromProgress } from './stored-call.js';

/** How long a snapshot request waits for the gateway running the call. */
export const SNAPSHOT_TIMEOUT_MS = 2_000;
/** No envelope for this long while the call runs elsewhere: ask again (the bus or its gateway may be gone). */
const SILENCE_MS = 3 * HEARTBEAT_MS;

/**
 * The watchers on this gateway of a call running on another gateway (or not running yet). Holds a
 * replica of the call's log: from the owner's snapshot, or from the database while no gateway runs
 * the call; then applies the owner's envelopes. A gap (a missed envelope: the bus dropped it, or
 * was down), a heartbeat ahead of it, a new run of the room (a handover) or a long silence makes it
 * ask for a snapshot again, and each watcher is sent exactly what it lacks.
 */
export class RemoteRoom {
  private readonly members = new Set<RoomMember>();
  private log: CallLog | undefined;
  private epoch: string | undefined;
  private n = 0;
  /** Envelopes that arrived while a snapshot was on its way. */
  private buffered: Envelope[] = [];
  private syncing: Promise<void> | undefined;
  private resyncWanted = false;
  private unsubscribe: Unsubscribe | undefined;
  private silence: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly callId: string,
    readonly scope: OrgScope,
    private readonly deps: { bus: Bus; rpc: BusRpc; store: CallStore; logger: Logger },
    /** The last watcher left (or the call ended): the directory forgets this feed. */
    private readonly onClosed: (feed: RemoteRoom) => void,
  ) {}

  async open(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(channels.call(this.callId), (payload) => this.onEnvelope(payload));
    this.sync();
  }

  attach(member: RoomMember): void {
    this.members.add(member);
    if (this.log && !this.syncing) member.sync(this.log, { role: 'watch', resumed: this.log.audioMs > 0 });
  }

  detach(member: RoomMember): void {
    this.members.delete(member);
    if (this.members.size === 0) this.close();
  }

  /** The call now runs on this gateway: its room takes the watchers over (they keep what they were sent). */
  handOver(): RoomMember[] {
    const members = [...this.members];
    this.members.clear();
    this.close();
    return members;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.silence);
    void this.unsubscribe?.();
    this.onClosed(this);
  }

  private onEnvelope(payload: string): void {
    if (this.closed) return;
    let parsed: Envelope;
    try {
      parsed = envelopeSchema.parse(JSON.parse(payload));
    } catch {
      return this.deps.logger.warn({ callId: this.callId }, 'ignored a malformed call envelope');
    }
    this.watchSilence();
    if (this.syncing) {
      this.buffered.push(parsed);
      return;
    }
    this.apply(parsed);
  }

  /** Applies an envelope in sequence, or asks for a snapshot when it shows something was missed. */
  private apply(envelope: Envelope): void {
    if (envelope.e !== this.epoch) return this.resync();
    if (envelope.n <= this.n) return; // a heartbeat, or something the snapshot already held
    if (envelope.n !== this.n + 1 || !envelope.m) return this.resync();
    this.n = envelope.n;
    this.deliver(envelope.m);
  }

  private deliver(message: ServerMessage): void {
    this.log!.apply(message);
    const payload = JSON.stringify(message);
    for (const member of this.members) member.deliver(message, payload);
    if (message.type === 'call.ended') this.end(false);
  }

  private resync(): void {
    if (this.syncing) {
      this.resyncWanted = true;
      return;
    }
    this.sync();
  }

  private sync(): void {
    this.syncing = this.fetch()
      .catch((error: unknown) => this.deps.logger.warn({ err: describeError(error), callId: this.callId }, 'could not catch a watched call up; trying again'))
      .finally(() => {
        this.syncing = undefined;
        const buffered = this.buffered;
        this.buffered = [];
        if (this.closed) return;
        if (this.resyncWanted) {
          this.resyncWanted = false;
          return this.sync();
        }
        for (const envelope of buffered) if (!this.syncing && !this.closed) this.apply(envelope);
        this.watchSilence();
      });
  }

  /** The call so far: from the gateway running it, else (nobody runs it now) from the database. */
  private async fetch(): Promise<void> {
    const state = await this.deps.store.callState(this.scope, this.callId);
    if (state === 'live') {
      try {
        const reply = snapshotReplySchema.parse(await this.deps.rpc.request(channels.room(this.callId), { type: 'snapshot' }, SNAPSHOT_TIMEOUT_MS));
        this.adopt(CallLog.from(this.callId, reply.snapshot), reply.epoch, reply.n);
        return;
      } catch (error) {
        // Its gateway did not answer (it is going away, or the bus is down): what is stored will do until it does.
        if (!(error instanceof RpcTimeout)) throw error;
      }
    }
    const progress = await this.deps.store.callProgress(this.scope, this.callId);
    this.adopt(logFromProgress(this.callId, progress), undefined, 0);
    if (state === 'ended' || state === 'unknown') this.end(true);
  }

  private adopt(log: CallLog, epoch: string | undefined, n: number): void {
    this.log = log;
    this.epoch = epoch;
    this.n = n;
    for (const member of this.members) member.sync(log, { role: 'watch', resumed: log.audioMs > 0 });
  }

  /** The call is over: every watcher gets `call.ended` (unless it just came in an envelope) and is closed 1000. */
  private end(tell: boolean): void {
    const ended: ServerMessage = { type: 'call.ended', callId: this.callId };
    const payload = JSON.stringify(ended);
    for (const member of this.members) {
      if (tell) member.deliver(ended, payload);
      member.close(CloseCode.normal, 'call ended');
    }
    this.members.clear();
    this.close();
  }

  private watchSilence(): void {
    clearTimeout(this.silence);
    if (this.closed) return;
    this.silence = setTimeout(() => this.resync(), SILENCE_MS);
    this.silence.unref();
  }
}
