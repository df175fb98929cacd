import type { TranscriptEvent } from '../streaming-transcriber.js';

/** A segment as WhisperLive sends it: times are strings of seconds (tensorrt sends text only). */
export interface WhisperLiveSegment {
  start?: string | number;
  end?: string | number;
  text: string;
  completed?: boolean;
}

const toMs = (seconds: string | number | undefined) => (seconds === undefined ? undefined : Math.round(Number(seconds) * 1000));
/** Whisper re-sends committed segments with their times rounded to ms: allow for that. */
const SAME_TIME_TOLERANCE_MS = 5;

/**
 * Turns WhisperLive's segment snapshots (the last N committed segments, re-sent every time, plus
 * at most one in progress) into our partial/final events, each committed segment exactly once, in
 * ms of the session's audio.
 */
export class SegmentTracker {
  /** End (session ms) of the last segment emitted as final. */
  private committedEndMs = 0;
  /** tensorrt backend: texts committed so far, to find where a snapshot's new part begins. */
  private committedTexts: string[] = [];
  private lastPartial = '';
  private lastPartialStartMs = 0;
  private lastPartialEndMs = 0;

  constructor(
    private readonly emit: (event: TranscriptEvent) => void,
    /** Audio (session ms) sent so far: the only clock tensorrt segments have. */
    private readonly audioSentMs: () => number,
  ) {}

  onSnapshot(segments: WhisperLiveSegment[]): void {
    if (segments.length === 0) return;
    if (segments.every((segment) => segment.start === undefined)) this.onTextOnly(segments);
    else this.onTimed(segments);
  }

  /**
   * The session ends (end of call, or the node's time limit): the in-progress segment becomes final,
   * up to where the node said it ends, so a next session continues after it rather than redoing it.
   */
  flush(): void {
    if (this.lastPartial === '') return;
    this.final(this.lastPartial, this.lastPartialStartMs, this.lastPartialEndMs);
  }

  /** End of the last final: audio before it never needs transcribing again. */
  get coveredUntilMs(): number {
    return this.committedEndMs;
  }

  private onTimed(segments: WhisperLiveSegment[]): void {
    for (const segment of segments) {
      const text = segment.text.trim();
      const startMs = toMs(segment.start) ?? 0;
      const endMs = Math.max(toMs(segment.end) ?? startMs, startMs + 1);
      if (startMs < this.committedEndMs - SAME_TIME_TOLERANCE_MS) continue; // already committed
      if (segment.completed) {
        if (text !== '') this.final(text, startMs, endMs);
        else this.committedEndMs = endMs;
      } else if (text !== '') {
        this.partial(text, startMs, endMs);
      }
    }
  }

  private onTextOnly(segments: WhisperLiveSegment[]): void {
    const texts = segments.map((segment) => segment.text.trim());
    const done = texts.slice(0, -1);
    // The snapshot repeats the tail of what was committed: skip the longest such overlap.
    let overlap = Math.min(done.length, this.committedTexts.length);
    while (overlap > 0 && !sameSequence(this.committedTexts.slice(-overlap), done.slice(0, overlap))) overlap--;
    for (const text of done.slice(overlap)) {
      if (text !== '') this.final(text, this.committedEndMs, Math.max(this.committedEndMs + 1, this.audioSentMs()));
      this.committedTexts.push(text);
    }
    const current = texts.at(-1)!;
    if (current !== '') this.partial(current, this.committedEndMs, Math.max(this.committedEndMs + 1, this.audioSentMs()));
  }

  private partial(text: string, startMs: number, endMs: number): void {
    if (text === this.lastPartial) return;
    this.lastPartial = text;
    this.lastPartialStartMs = startMs;
    this.lastPartialEndMs = endMs;
    this.emit({ kind: 'partial', text, startMs, endMs });
  }

  private final(text: string, startMs: number, endMs: number): void {
    this.committedEndMs = endMs;
    this.lastPartial = '';
    this.emit({ kind: 'final', text, startMs, endMs });
  }
}

function sameSequence(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((text, i) => text === b[i]);
}
