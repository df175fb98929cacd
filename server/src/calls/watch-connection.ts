import { CloseCode } from '@call-assist/shared';
import type { Unsubscribe } from '../bus/bus.js';
import type { OrgScope } from '../db/organisations.js';
import type { Logger } from '../lib/logger.js';
import type { CallSocket } from './call-socket.js';
import type { LiveCalls } from './live-calls.js';
import { describeError } from '../lib/errors.js';

/**
 * A read-only socket on a call (a manager, a second screen): receives everything published for the
 * call from any gateway, closes 1000 when the call ends. Sending audio is a protocol violation.
 */
export class WatchConnection {
  private closed = false;
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly socket: CallSocket,
    private readonly scope: OrgScope,
    private readonly callId: string,
    private readonly calls: LiveCalls,
    private readonly logger: Logger,
  ) {
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      const state = await this.calls.callState(this.scope, this.callId);
      if (state === 'unknown') return this.close(CloseCode.unknownCall, 'unknown call');
      if (state === 'ended') return this.close(CloseCode.callEnded, 'call already ended');
      const unsubscribe = await this.calls.relay(
        this.callId,
        (payload) => this.socket.send(payload),
        () => this.close(CloseCode.normal, 'call ended'),
      );
      if (this.closed) void unsubscribe();
      else this.unsubscribe = unsubscribe;
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
    this.closed = true;
    void this.unsubscribe?.();
  }

  private close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.onClose();
  }
}
