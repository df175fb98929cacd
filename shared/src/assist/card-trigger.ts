import type { Speaker } from '../protocol.js';
import type { PhraseMatch } from './phrase-automaton.js';
import type { PhraseOwner, RuleSet, TalkingPointRule } from './rule-set.js';
import { UtteranceScanner } from './utterance-scanner.js';

/**
 * When a phrase seen in a partial transcript may fire:
 * - `immediate`: at once (fastest, fires on words the engine later takes back);
 * - `next-update`: when the next hypothesis of the same utterance (partial or final) still has it;
 * - `final`: only from final transcripts.
 * Finals always fire. README "Matching" has the measured trade-off.
 */
export type Stability = 'immediate' | 'next-update' | 'final';

export interface HeardText {
  text: string;
  speaker?: Speaker | undefined;
  /** Call audio time the text reaches, for cooldowns. */
  audioMs: number;
}

export interface Trigger {
  talkingPoint: TalkingPointRule;
  phrase: string;
  source: 'partial' | 'final';
  /** Index of the phrase's last token in the normalised text that fired it. */
  endToken: number;
}

/**
 * When each talking point last fired in one call (call-audio ms). Shared by the call's triggers (one
 * per audio channel, each with its own utterances), so "once per call" and cooldowns count across
 * both parties of the call.
 */
export class FiredLedger {
  private readonly lastFiredAudioMs = new Map<string, number>();

  lastFired(talkingPointId: string): number | undefined {
    return this.lastFiredAudioMs.get(talkingPointId);
  }

  fired(talkingPointId: string, audioMs: number): void {
    const last = this.lastFiredAudioMs.get(talkingPointId);
    if (last === undefined || audioMs > last) this.lastFiredAudioMs.set(talkingPointId, audioMs);
  }
}

/**
 * Decides which talking points fire for one stream of utterances (a call, or one channel of it) as its
 * transcript arrives. A talking point fires at most once per utterance however its partials are
 * revised, and after that only once its cooldown of call audio has passed (no cooldown: once per
 * call). Cards are never retracted.
 */
export class CardTrigger {
  private scanner: UtteranceScanner;
  /** Phrases (by talking point and text) in the previous hypothesis of the open utterance. */
  private seenInPrevious = new Set<string>();
  private readonly firedInUtterance = new Set<string>();

  constructor(
    private rules: RuleSet,
    private readonly stability: Stability,
    private readonly ledger = new FiredLedger(),
  ) {
    this.scanner = new UtteranceScanner(rules.automaton);
  }

  /**
   * A card this call already fired (before it moved to this gateway): it counts for "once per call"
   * and cooldowns as if this trigger had fired it.
   */
  restoreFired(talkingPointId: string, audioMs: number): void {
    this.ledger.fired(talkingPointId, audioMs);
  }

  /** Swaps in a new rule set mid-call; what already fired stays fired. */
  setRules(rules: RuleSet): void {
    if (rules.version === this.rules.version) return;
    this.rules = rules;
    this.scanner = new UtteranceScanner(rules.automaton);
  }

  onPartial(heard: HeardText): Trigger[] {
    if (this.stability === 'final') return [];
    const candidates = this.candidates(this.scanner.update(heard.text));
    const previous = this.seenInPrevious;
    this.seenInPrevious = new Set(candidates.keys());
    const ready = [...candidates].filter(([key]) => this.stability === 'immediate' || previous.has(key));
    return this.fire(ready.map(([, candidate]) => candidate), heard, 'partial');
  }

  onFinal(heard: HeardText): Trigger[] {
    this.scanner.reset();
    const candidates = this.candidates(this.scanner.update(heard.text));
    const triggers = this.fire([...candidates.values()], heard, 'final');
    this.scanner.reset();
    this.seenInPrevious = new Set();
    this.firedInUtterance.clear();
    return triggers;
  }

  /** First occurrence of each distinct phrase, keyed so keys survive a rule-set swap. */
  private candidates(matches: PhraseMatch[]): Map<string, PhraseOwner & { endToken: number }> {
    const byKey = new Map<string, PhraseOwner & { endToken: number }>();
    for (const match of matches) {
      const owner = this.rules.phraseOwners[match.phraseIndex]!;
      const key = `${owner.talkingPoint.id}\u0000${owner.phrase}`;
      if (!byKey.has(key)) byKey.set(key, { ...owner, endToken: match.endToken });
    }
    return byKey;
  }

  private fire(candidates: (PhraseOwner & { endToken: number })[], heard: HeardText, source: Trigger['source']): Trigger[] {
    const triggers: Trigger[] = [];
    const ordered = [...candidates].sort((x, y) => y.talkingPoint.priority - x.talkingPoint.priority || x.endToken - y.endToken);
    for (const { talkingPoint, phrase, endToken } of ordered) {
      if (!this.mayFire(talkingPoint, heard)) continue;
      this.firedInUtterance.add(talkingPoint.id);
      this.ledger.fired(talkingPoint.id, heard.audioMs);
      triggers.push({ talkingPoint, phrase, source, endToken });
    }
    return triggers;
  }

  private mayFire(talkingPoint: TalkingPointRule, heard: HeardText): boolean {
    // Without a known speaker (mono audio, no diarization) the filter cannot apply.
    if (talkingPoint.speaker !== 'any' && heard.speaker && heard.speaker !== 'any' && heard.speaker !== talkingPoint.speaker) return false;
    if (this.firedInUtterance.has(talkingPoint.id)) return false;
    const last = this.ledger.lastFired(talkingPoint.id);
    if (last === undefined) return true;
    return talkingPoint.cooldownMs !== null && heard.audioMs - last >= talkingPoint.cooldownMs;
  }
}
