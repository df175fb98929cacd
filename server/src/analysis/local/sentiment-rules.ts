import type { Sentiment } from '@call-assist/shared';
import type { CategoryFinding } from './category-rules.js';
import type { CallTurns } from './call-turns.js';
import { matchForm } from './text-spans.js';

/** The caller sounding pleased or relieved (a plain "thanks" is politeness, not warmth). */
const WARM = /\b(?:thank you so much|thanks so much|you're the best|you've been (?:very |so |really )?helpful|lifesaver|yay|awesome|love (?:it|that)|that would be perfect|makes me feel (?:a lot |so much )?better|oh,? good|oh,? great|oh,? nice|perfect|great, thank|really reassuring|that's (?:really |actually )?(?:great|good|cool))\b|(?:^|[.!?]\s)(?:great|perfect|awesome|wonderful)[,.!]/g;

/** The caller sounding annoyed, curt or dismissive. */
const CURT = /\b(?:ugh|nah|whatever|not interested|that's what they all say|good lord|ridiculous|frustrat\w*|annoy\w*|i can't swing|no way|i'll pass|no thanks|thanks anyway)\b|(?:^|[.!?]\s)fine\./g;

/** How the caller felt, from their tone and whether their concerns were settled. */
export function classifySentiment(call: CallTurns, finding: CategoryFinding, overcome: boolean[]): Sentiment {
  if (finding.voicemail) return 'neutral';
  const caller = call.callerTurns.map((turn) => matchForm(turn.text)).join(' \n ');
  const warm = caller.match(WARM)?.length ?? 0;
  const curt = caller.match(CURT)?.length ?? 0;
  const settled = overcome.filter(Boolean).length;
  const open = overcome.length - settled;
  switch (finding.category) {
    case 'consult_scheduled':
      return curt > 0 && overcome.length >= 2 ? 'mixed' : 'positive';
    case 'other_question':
      if (curt > 0) return warm > curt ? 'mixed' : 'negative';
      return warm > 0 ? 'positive' : 'neutral';
    case 'consult_not_scheduled':
      if (curt > 0) return 'negative';
      if (settled > 0 && open > 0) return warm >= 4 ? 'positive' : 'mixed';
      return warm >= 1 && open === 0 ? 'positive' : 'neutral';
  }
}
