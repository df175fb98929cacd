import type { Bus, Unsubscribe } from './bus.js';
import { SubscriberSet } from './subscriber-set.js';

/**
 * The bus of a single process (no REDIS_URL). `InProcessHub` plays Redis' part: every bus created
 * from one hub sees the others' messages, which lets the contract suite treat both implementations
 * alike.
 */
export class InProcessHub {
  private readonly buses = new Set<InProcessBus>();

  createBus(onHandlerError: (error: unknown) => void = () => {}): InProcessBus {
    const bus = new InProcessBus(this, onHandlerError);
    this.buses.add(bus);
    return bus;
  }

  /** @internal Returns how many buses had a subscriber, as Redis' PUBLISH does. */
  broadcast(channel: string, payload: string): number {
    let receivers = 0;
    for (const bus of this.buses) if (bus.receive(channel, payload)) receivers++;
    return receivers;
  }

  /** @internal */
  detach(bus: InProcessBus): void {
    this.buses.delete(bus);
  }
}

export class InProcessBus implements Bus {
  private readonly subscribers = new SubscriberSet();
  private closed = false;

  constructor(
    private readonly hub: InProcessHub,
    private readonly onHandlerError: (error: unknown) => void,
  ) {}

  async publish(channel: string, payload: string): Promise<number> {
    if (this.closed) throw new Error('bus is closed');
    return this.hub.broadcast(channel, payload);
  }

  async subscribe(channel: string, handler: (payload: string) => void): Promise<Unsubscribe> {
    if (this.closed) throw new Error('bus is closed');
    this.subscribers.add(channel, handler);
    return async () => {
      this.subscribers.remove(channel, handler);
    };
  }

  /** @internal Delivery is deferred like a network hop, so publishers never re-enter subscribers. */
  receive(channel: string, payload: string): boolean {
    if (this.closed || !this.subscribers.has(channel)) return false;
    queueMicrotask(() => {
      if (!this.closed) this.subscribers.deliver(channel, payload, this.onHandlerError);
    });
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    this.hub.detach(this);
  }
}
