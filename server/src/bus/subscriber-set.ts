/** Handlers per channel, shared by the bus implementations. */
export class SubscriberSet {
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();

  /** Adds a handler; true when it is the channel's first (the transport must subscribe). */
  add(channel: string, handler: (payload: string) => void): boolean {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return first;
  }

  /** Removes a handler; true when the channel has none left (the transport may unsubscribe). */
  remove(channel: string, handler: (payload: string) => void): boolean {
    const set = this.handlers.get(channel);
    if (!set || !set.delete(handler)) return false;
    if (set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  /** Calls every handler of the channel; one throwing handler does not starve the others. */
  deliver(channel: string, payload: string, onError: (error: unknown) => void): void {
    const set = this.handlers.get(channel);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (error) {
        onError(error);
      }
    }
  }

  has(channel: string): boolean {
    return this.handlers.has(channel);
  }

  channels(): string[] {
    return [...this.handlers.keys()];
  }

  clear(): void {
    this.handlers.clear();
  }
}
