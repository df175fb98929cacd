import { parseServerMessage, type ServerMessage } from '@call-assist/shared';
import type { CallSocket } from '../call-socket.js';

/**
 * The client end of a socket pair, in memory: what the server sent, parsed with the protocol's
 * schemas (a message that does not parse fails the test), and how it was closed. `breakOnSend`
 * makes the next send throw, as a closed uWebSockets.js socket does.
 */
export class FakeSocket implements CallSocket {
  readonly received: ServerMessage[] = [];
  closedWith: { code: number; reason: string } | undefined;
  breakOnSend = false;
  /** Called on close, as the transport calls the connection's `onClose`. */
  onClose: (() => void) | undefined;
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];

  send(text: string): void {
    if (this.breakOnSend || this.closedWith) throw new Error('Invalid access of closed uWS.WebSocket/SSLWebSocket.');
    const parsed = parseServerMessage(text);
    if (!parsed.ok) throw new Error(`the server sent a message the protocol refuses: ${parsed.detail}`);
    this.received.push(parsed.message);
    this.wake();
  }

  close(code: number, reason: string): void {
    if (this.closedWith) return;
    this.closedWith = { code, reason };
    this.onClose?.();
    this.wake();
  }

  /** The client went away (a reload, a dropped network): the server's side is told, as the transport would. */
  drop(): void {
    this.close(1006, '');
  }

  /** Resolves once `count` messages of `type` arrived (at once if they have). */
  next<T extends ServerMessage['type']>(type: T, count = 1): Promise<Extract<ServerMessage, { type: T }>> {
    return this.until(() => this.messages(type).length >= count).then(() => this.messages(type)[count - 1]!);
  }

  /** Resolves once the socket was closed. */
  closed(): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closedWith !== undefined).then(() => this.closedWith!);
  }

  private until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.test()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  messages<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.received.filter((message): message is Extract<ServerMessage, { type: T }> => message.type === type);
  }

  types(): string[] {
    return this.received.map((message) => message.type);
  }
}
