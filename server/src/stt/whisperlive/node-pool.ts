/** How long a node that answered WAIT is passed over, at least and at most. */
const MIN_WAIT_SKIP_MS = 10_000;
const MAX_WAIT_SKIP_MS = 120_000;

/**
 * The WhisperLive nodes (e.g. Jetsons) a gateway streams to. Nodes take few clients (4 by default)
 * and slow down sharply when shared, so each new stream goes to the node with the fewest streams
 * from this gateway, and a node that said WAIT is skipped for the time it announced.
 */
export class NodePool {
  private readonly active = new Map<string, number>();
  private readonly waitingUntil = new Map<string, number>();

  constructor(
    readonly urls: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    if (urls.length === 0) throw new Error('WhisperLive needs at least one node URL (WHISPERLIVE_URLS)');
  }

  /** Nodes to try, best first: those not waiting, by fewest active streams, in configured order on ties. */
  candidates(): string[] {
    const now = this.now();
    return this.urls
      .filter((url) => (this.waitingUntil.get(url) ?? 0) <= now)
      .map((url, index) => ({ url, index, load: this.active.get(url) ?? 0 }))
      .sort((a, b) => a.load - b.load || a.index - b.index)
      .map((node) => node.url);
  }

  acquire(url: string): void {
    this.active.set(url, (this.active.get(url) ?? 0) + 1);
  }

  release(url: string): void {
    this.active.set(url, Math.max(0, (this.active.get(url) ?? 0) - 1));
  }

  /** The node said WAIT, estimating `minutes` until a slot frees. */
  markFull(url: string, minutes: number): void {
    const skipMs = Math.min(MAX_WAIT_SKIP_MS, Math.max(MIN_WAIT_SKIP_MS, (Number.isFinite(minutes) ? minutes : 0) * 60_000));
    this.waitingUntil.set(url, this.now() + skipMs);
  }
}
