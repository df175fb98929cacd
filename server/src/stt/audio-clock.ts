/**
 * Maps call-audio time to the moment the gateway received that audio, so the engine's lag and a
 * card's `audioToCardMs` can be measured from when the words arrived.
 */
export class AudioClock {
  private readonly endsMs: number[] = [];
  private readonly arrivedAt: number[] = [];

  /** `receivedMs`: call audio before the first frame recorded here (a continued call). */
  constructor(private receivedMs = 0) {}

  /** Records a frame of `durationMs` received at `now` (performance.now()). */
  record(durationMs: number, now: number): void {
    this.receivedMs += durationMs;
    this.endsMs.push(this.receivedMs);
    this.arrivedAt.push(now);
    // A minute of history is plenty: engines report within seconds of the audio.
    if (this.endsMs.length > 6_000) {
      this.endsMs.splice(0, 3_000);
      this.arrivedAt.splice(0, 3_000);
    }
  }

  get totalMs(): number {
    return this.receivedMs;
  }

  /** When the frame holding `audioMs` arrived; undefined if it is older than the history kept. */
  arrivalOf(audioMs: number): number | undefined {
    let low = 0;
    let high = this.endsMs.length - 1;
    if (high < 0 || audioMs > this.endsMs[high]!) return this.arrivedAt[high];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.endsMs[mid]! >= audioMs) high = mid;
      else low = mid + 1;
    }
    return this.arrivedAt[low];
  }
}
