import WebSocket from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '@call-assist/shared';

export interface Received {
  message: ServerMessage;
  at: number;
}

/** A socket that records every message and how it closed. */
export class RecordingSocket {
  readonly received: Received[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  private waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  constructor(readonly ws: WebSocket) {
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(data.toString()) as ServerMessage;
      this.received.push({ message, at: performance.now() });
      for (const waiter of this.waiters.filter((w) => w.test(message))) {
        waiter.resolve(message);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
      }
    });
  }

  static connect(url: string): RecordingSocket {
    return new RecordingSocket(new WebSocket(url));
  }

  next<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    const seen = this.received.find((r) => r.message.type === type);
    if (seen) return Promise.resolve(seen.message as Extract<ServerMessage, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ test: (m) => m.type === type, resolve: resolve as (m: ServerMessage) => void }));
  }

  messages<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.received.filter((r) => r.message.type === type).map((r) => r.message as Extract<ServerMessage, { type: T }>);
  }

  sendJson(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  hello(overrides: Record<string, unknown> = {}): void {
    this.sendJson({ type: 'hello', protocolVersion: PROTOCOL_VERSION, sampleRate: 16_000, encoding: 'pcm16', channels: 1, ...overrides });
  }
}

export const FRAME_MS = 100;
const FRAME_SAMPLES = 1_600;

/**
 * Streams PCM16 in 100 ms frames at real-time pace (scheduled against the start time, so timer
 * jitter does not accumulate). Returns when each frame was sent, for client-side latency figures.
 */
export async function streamRealtime(socket: RecordingSocket, samples: Int16Array): Promise<number[]> {
  const sentAt: number[] = [];
  const start = performance.now();
  for (let frame = 0; frame * FRAME_SAMPLES < samples.length; frame++) {
    const due = start + frame * FRAME_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const chunk = samples.subarray(frame * FRAME_SAMPLES, (frame + 1) * FRAME_SAMPLES);
    socket.ws.send(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    sentAt.push(performance.now());
  }
  return sentAt;
}
