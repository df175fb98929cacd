import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { channels, type Bus, type Unsubscribe } from './bus.js';

const requestSchema = z.object({ id: z.string(), from: z.string(), body: z.unknown() });
const replySchema = z.object({ id: z.string(), ok: z.boolean(), body: z.unknown().optional(), error: z.string().optional() });

/** Nobody answered in time: nobody serves the channel, or the bus is down. */
export class RpcTimeout extends Error {
  constructor(channel: string, timeoutMs: number) {
    super(`no answer on ${channel.split(':')[0]} within ${timeoutMs} ms`);
    this.name = 'RpcTimeout';
  }
}

/** The serving side refused the request (its handler threw). */
export class RpcRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcRefused';
  }
}

/**
 * Request/answer over the bus between gateways: a request goes to a channel that one gateway serves
 * (the one running a live call serves `room:<callId>`), the answer comes back on the asking
 * gateway's own channel. The first answer wins; none within the timeout rejects with `RpcTimeout`.
 */
export class BusRpc {
  readonly gatewayId = randomUUID();
  private readonly pending = new Map<string, { resolve: (body: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(channels.gateway(this.gatewayId), (payload) => this.onReply(payload));
  }

  /** Sends `body` to whoever serves `channel`; resolves with the answer. */
  request(channel: string, body: unknown, timeoutMs: number): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcTimeout(channel, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.bus.publish(channel, JSON.stringify({ id, from: this.gatewayId, body })).catch((error: unknown) => {
        // The bus is down: no answer can come.
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /** Answers requests on `channel` with `handle` (a throw is sent back as a refusal). */
  serve(channel: string, handle: (body: unknown) => Promise<unknown> | unknown): Promise<Unsubscribe> {
    return this.bus.subscribe(channel, (payload) => {
      const request = requestSchema.safeParse(parseJson(payload));
      if (!request.success) return this.logger.warn({ channel: channel.split(':')[0] }, 'ignored a malformed bus request');
      const { id, from } = request.data;
      void (async () => {
        let reply: z.infer<typeof replySchema>;
        try {
          reply = { id, ok: true, body: await handle(request.data.body) };
        } catch (error) {
          reply = { id, ok: false, error: describeError(error).message };
        }
        await this.bus.publish(channels.gateway(from), JSON.stringify(reply)).catch((error: unknown) => this.logger.warn({ err: describeError(error) }, 'could not answer a bus request'));
      })();
    });
  }

  private onReply(payload: string): void {
    const reply = replySchema.safeParse(parseJson(payload));
    if (!reply.success) return;
    const waiting = this.pending.get(reply.data.id);
    if (!waiting) return;
    this.pending.delete(reply.data.id);
    clearTimeout(waiting.timer);
    if (reply.data.ok) waiting.resolve(reply.data.body);
    else waiting.reject(new RpcRefused(reply.data.error ?? 'refused'));
  }

  async close(): Promise<void> {
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error('shutting down'));
    }
    this.pending.clear();
    await this.unsubscribe?.();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
