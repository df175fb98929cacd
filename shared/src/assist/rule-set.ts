import type { Speaker } from '../protocol.js';
import { PhraseAutomaton } from './phrase-automaton.js';

/** What the matcher needs of a talking point. */
export interface TalkingPointRule {
  id: string;
  title: string;
  body: string;
  phrases: string[];
  speaker: Speaker;
  /** null: once per call. */
  cooldownMs: number | null;
  priority: number;
  enabled: boolean;
}

export interface PhraseOwner {
  talkingPoint: TalkingPointRule;
  /** The phrase as the admin wrote it. */
  phrase: string;
}

/** One organisation's talking points compiled into an automaton; immutable, swapped whole on edit. */
export class RuleSet {
  readonly automaton: PhraseAutomaton;
  /** Owner of each phrase index of the automaton. */
  readonly phraseOwners: readonly PhraseOwner[];

  constructor(
    readonly version: number,
    talkingPoints: readonly TalkingPointRule[],
  ) {
    const owners: PhraseOwner[] = [];
    for (const talkingPoint of talkingPoints) {
      if (!talkingPoint.enabled) continue;
      for (const phrase of talkingPoint.phrases) owners.push({ talkingPoint, phrase });
    }
    this.phraseOwners = owners;
    this.automaton = new PhraseAutomaton(owners.map((owner) => owner.phrase));
  }

  static readonly empty = new RuleSet(0, []);
}
