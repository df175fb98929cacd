import { CloseCode } from '@call-assist/shared';
import type { OrgScope } from '../db/organisations.js';
import { describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { CallSocket } from './call-socket.js';
import type { LiveCalls } from './live-calls.js';
import { RoomMember } from './room/room-member.js';

/**
 * A read-only socket on a call (a manager, a second screen), on any gateway: `ready` with the call
 * so far, then every message of the call exactly once; closes 1000 when the call ends. Sending audio
 * is a protocol violation.
 */
export class WatchConnection {
  private closed = false;
  private readonly member: RoomMember;

  constructor(
    private readonly socket: CallSocket,
    private readonly scope: OrgScope,
    private readonly callId: string,
    private readonly calls: LiveCalls,
    private readonly logger: Logger,
  ) {
    this.member = new RoomMember(socket, callId, {}, () => this.onClose());
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      const state = await this.calls.callState(this.scope, this.callId);
      if (state === 'unknown') return this.close(CloseCode.unknownCall, 'unknown call');
      if (state === 'ended') return this.close(CloseCode.callEnded, 'call already ended');
      if (this.closed) return;
      await this.calls.watch(this.scope, this.callId, this.member);
      if (this.closed) this.calls.unwatch(this.callId, this.member);
    } catch (error) {
      this.logger.error({ err: describeError(error), callId: this.callId }, 'could not start watching a call');
      this.close(CloseCode.internalError, 'could not watch the call');
    }
  }

  onText(): void {}

  onBinary(): void {
    this.close(CloseCode.invalidMessage, 'watchers cannot send audio');
  }

  onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.member.closed();
    this.calls.unwatch(this.callId, this.member);
  }

  private close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.onClose();
  }
}
