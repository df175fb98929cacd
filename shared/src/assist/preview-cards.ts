import type { Speaker } from '../protocol.js';
import { CardTrigger } from './card-trigger.js';
import { RuleSet, type TalkingPointRule } from './rule-set.js';
import { tokenSpans } from './phrase-spans.js';

/** A card the live matcher would push for a piece of text, and the words that fire it. */
export interface CardPreview {
  talkingPointId: string;
  title: string;
  body: string;
  priority: number;
  /** The trigger phrase as the admin wrote it. */
  phrase: string;
  /** Where the phrase is in the text: `[start, end)` in UTF-16 code units (`text.slice(start, end)`). */
  start: number;
  end: number;
}

/**
 * Which talking points would fire if `text` were heard as one utterance on a call, in the order the
 * server pushes them (priority first): the server's own `CardTrigger` on a final transcript, so
 * synonyms give one card, disabled points never fire and the speaker filter applies when `speaker`
 * is given. For the admin screen's "try a phrase" box; build the `RuleSet` once per edit and reuse it
 * while the admin types.
 */
export function previewCards(rules: RuleSet | readonly TalkingPointRule[], text: string, speaker?: Speaker): CardPreview[] {
  const ruleSet = rules instanceof RuleSet ? rules : new RuleSet(0, rules);
  const triggers = new CardTrigger(ruleSet, 'final').onFinal({ text, speaker, audioMs: 0 });
  if (triggers.length === 0) return [];
  const spans = tokenSpans(text);
  return triggers.map(({ talkingPoint, phrase, endToken }) => {
    const phraseTokens = ruleSet.automaton.phraseLengths[ruleSet.phraseOwners.findIndex((owner) => owner.talkingPoint === talkingPoint && owner.phrase === phrase)] ?? 1;
    return {
      talkingPointId: talkingPoint.id,
      title: talkingPoint.title,
      body: talkingPoint.body,
      priority: talkingPoint.priority,
      phrase,
      start: spans.starts[endToken - phraseTokens + 1]!,
      end: spans.ends[endToken]!,
    };
  });
}
