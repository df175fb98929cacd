import { randomUUID } from 'node:crypto';
import { CardTrigger, FiredLedger, tokenize, type CardMessage, type ResumedCard, type RuleSet, type Stability, type Trigger } from '@call-assist/shared';
import type { TranscriptEvent } from '../../stt/streaming-transcriber.js';

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Transcript events → talking-point cards: the phrase matcher over partials and finals (with its
 * stability rule and cooldowns), one trigger per audio channel (each channel has its own utterances;
 * "once per call" and cooldowns count across them), each card stamped with where its phrase ended in
 * the audio and how long after that audio arrived it went out.
 */
export class CardFiring {
  private readonly ledger = new FiredLedger();
  private readonly triggers = new Map<number, CardTrigger>();

  constructor(
    private readonly callId: string,
    private rules: RuleSet,
    private readonly stability: Stability,
  ) {}

  setRules(rules: RuleSet): void {
    this.rules = rules;
    for (const trigger of this.triggers.values()) trigger.setRules(rules);
  }

  /** Cards that already fired (a call continued from another gateway): they never fire again. */
  restore(cards: readonly ResumedCard[]): void {
    for (const card of cards) if (card.talkingPointId) this.ledger.fired(card.talkingPointId, card.audioMs);
  }

  private triggerOf(channel: number): CardTrigger {
    let trigger = this.triggers.get(channel);
    if (!trigger) this.triggers.set(channel, (trigger = new CardTrigger(this.rules, this.stability, this.ledger)));
    return trigger;
  }

  /**
   * The cards `event` fires. `receivedAt`: when the engine's event reached us; `arrivalOf`: when the
   * audio at a call time reached the gateway (both performance.now()).
   */
  onTranscript(event: TranscriptEvent, receivedAt: number, arrivalOf: (audioMs: number) => number | undefined): CardMessage[] {
    const heard = { text: event.text, speaker: event.speaker, audioMs: event.endMs };
    const trigger = this.triggerOf(event.channel ?? 0);
    const triggers = event.kind === 'partial' ? trigger.onPartial(heard) : trigger.onFinal(heard);
    return triggers.map((trigger) => {
      const audioMs = audioTimeOf(trigger, event);
      const now = performance.now();
      return {
        type: 'card',
        callId: this.callId,
        cardId: randomUUID(),
        talkingPointId: trigger.talkingPoint.id,
        title: trigger.talkingPoint.title,
        body: trigger.talkingPoint.body,
        phrase: trigger.phrase,
        audioMs,
        latencyMs: round(now - receivedAt),
        audioToCardMs: round(now - (arrivalOf(audioMs) ?? receivedAt)),
        source: trigger.source,
      };
    });
  }
}

/** Where the phrase ended in the audio: its last word's end when the engine gave word times. */
function audioTimeOf(trigger: Trigger, event: TranscriptEvent): number {
  let tokens = 0;
  for (const word of event.words ?? []) {
    // A word can be several tokens ("don't" → "do not"), so count tokens, not words.
    tokens += tokenize(word.word).length;
    if (tokens > trigger.endToken) return word.endMs;
  }
  return event.endMs;
}
