import type { Speaker } from '@call-assist/shared';

const NAMES = { agent: 'Agent', caller: 'Caller' } as const;

/** Who said a line: a word and a colour (never the colour alone); nothing where the speaker is unknown. */
export function SpeakerLabel({ speaker }: { speaker: Speaker | null | undefined }) {
  if (speaker !== 'agent' && speaker !== 'caller') return null;
  return <span className={`transcript-speaker speaker-${speaker}`}>{NAMES[speaker]}</span>;
}
