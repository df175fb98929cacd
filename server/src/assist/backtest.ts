import {
  CardTrigger,
  findPhraseSpans,
  MAX_BACKTEST_HITS_PER_CALL,
  RuleSet,
  type BacktestCall,
  type BacktestHit,
  type BacktestResult,
  type Speaker,
} from '@call-assist/shared';

/** What is backtested: phrases with the speaker filter and cooldown of the talking point they stand for. */
export interface BacktestRule {
  phrases: string[];
  speaker: Speaker;
  /** null: once per call. */
  cooldownMs: number | null;
}

export interface PastSegment {
  seq: number;
  text: string;
  startMs: number;
  endMs: number;
  speaker: Speaker | null;
}

/** A past call with its final transcript segments in order. */
export interface PastCall {
  id: string;
  title: string | null;
  createdAt: Date;
  startedAt: Date | null;
  /** The analysis' category, if analysed. */
  outcome: string | null;
  segments: PastSegment[];
}

const SNIPPET_RADIUS_CHARS = 60;
const SCHEDULED = 'consult_scheduled';

/** About `SNIPPET_RADIUS_CHARS` either side of `[start, end)`, not cutting words, with the match's offsets in it. */
export function snippetAround(text: string, start: number, end: number): { snippet: string; match_start: number; match_end: number } {
  let from = Math.max(0, start - SNIPPET_RADIUS_CHARS);
  let to = Math.min(text.length, end + SNIPPET_RADIUS_CHARS);
  // Move inwards to the nearest space, never into the match.
  if (from > 0 && text[from - 1] !== ' ') {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length && text[to] !== ' ') {
    const space = text.lastIndexOf(' ', to);
    if (space >= end) to = space;
  }
  const prefix = from > 0 ? '…' : '';
  const snippet = `${prefix}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  const matchStart = prefix.length + start - from;
  return { snippet, match_start: matchStart, match_end: matchStart + end - start };
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/**
 * Runs the live matcher over past calls: every phrase occurrence in the final transcript (whole words,
 * normalised, speaker filter), and which of them would have pushed a card (the server's `CardTrigger`,
 * once per call or after the cooldown). Calls are fed one at a time, so only the result is held.
 */
export class Backtest {
  private readonly rules: RuleSet;
  private readonly phrases: string[];
  private readonly hitsPerPhrase = new Map<string, number>();
  private readonly matches: BacktestCall[] = [];
  private scanned = 0;
  private scannedAnalysed = 0;
  private scannedScheduled = 0;
  private fired = 0;
  private matchedAnalysed = 0;
  private matchedScheduled = 0;
  private totalHits = 0;

  constructor(private readonly rule: BacktestRule) {
    this.phrases = [...new Set(rule.phrases)];
    for (const phrase of this.phrases) this.hitsPerPhrase.set(phrase, 0);
    this.rules = new RuleSet(1, [
      { id: 'backtest', title: '', body: '', phrases: this.phrases, speaker: rule.speaker, cooldownMs: rule.cooldownMs, priority: 0, enabled: true },
    ]);
  }

  scan(call: PastCall): void {
    this.scanned++;
    if (call.outcome) {
      this.scannedAnalysed++;
      if (call.outcome === SCHEDULED) this.scannedScheduled++;
    }
    const trigger = new CardTrigger(this.rules, 'final');
    const hits: BacktestHit[] = [];
    let hitCount = 0;
    let firedInCall = false;
    for (const segment of call.segments) {
      if (!this.speakerMatches(segment.speaker)) continue;
      const spans = findPhraseSpans(this.rules.automaton, segment.text);
      if (spans.length === 0) continue;
      const firedAt = trigger.onFinal({ text: segment.text, speaker: segment.speaker ?? undefined, audioMs: segment.endMs })[0];
      for (const span of spans) {
        const phrase = this.rules.phraseOwners[span.phraseIndex]!.phrase;
        const fired = firedAt !== undefined && firedAt.phrase === phrase && firedAt.endToken === span.endToken;
        if (fired) firedInCall = true;
        hitCount++;
        this.hitsPerPhrase.set(phrase, (this.hitsPerPhrase.get(phrase) ?? 0) + 1);
        if (hits.length >= MAX_BACKTEST_HITS_PER_CALL) continue;
        hits.push({
          phrase,
          segment_seq: segment.seq,
          start_ms: segment.startMs,
          speaker: segment.speaker,
          ...snippetAround(segment.text, span.start, span.end),
          fired,
        });
      }
    }
    if (hitCount === 0) return;
    this.totalHits += hitCount;
    if (firedInCall) this.fired++;
    if (call.outcome) {
      this.matchedAnalysed++;
      if (call.outcome === SCHEDULED) this.matchedScheduled++;
    }
    this.matches.push({
      call_id: call.id,
      call_title: call.title,
      started_at: call.startedAt?.toISOString() ?? null,
      created_at: call.createdAt.toISOString(),
      outcome: call.outcome,
      hit_count: hitCount,
      hits,
    });
  }

  /** Same rule as the live matcher: the filter applies only where the speaker is known. */
  private speakerMatches(speaker: Speaker | null): boolean {
    return this.rule.speaker === 'any' || !speaker || speaker === 'any' || speaker === this.rule.speaker;
  }

  result(): BacktestResult {
    return {
      calls_scanned: this.scanned,
      calls_matched: this.matches.length,
      total_hits: this.totalHits,
      hits_per_phrase: Object.fromEntries(this.hitsPerPhrase),
      calls_fired: this.fired,
      matched_calls_scheduled_share: share(this.matchedScheduled, this.matchedAnalysed),
      matched_calls_analysed: this.matchedAnalysed,
      scanned_calls_scheduled_share: share(this.scannedScheduled, this.scannedAnalysed),
      matches: this.matches,
    };
  }
}

/** Backtests a rule over calls that arrive in batches (a database cursor); memory holds one batch. */
export async function backtest(rule: BacktestRule, batches: AsyncIterable<PastCall[]>): Promise<BacktestResult> {
  const run = new Backtest(rule);
  for await (const batch of batches) for (const call of batch) run.scan(call);
  return run.result();
}
