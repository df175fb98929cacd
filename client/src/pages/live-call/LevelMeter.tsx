import { useLiveCall } from './live-call-store';

/** One input's level (channel 0: the rep's microphone; 1: the caller): the rep sees the pane hears each before trusting the transcript. */
export function LevelMeter({ channel, label, muted }: { channel: number; label: string; muted: boolean }) {
  const level = useLiveCall((state) => state.levels[channel] ?? 0);
  const percent = Math.round(level * 100);
  return (
    <div className="level-meter-row">
      <span className="level-meter-label">{label}</span>
      <div className="level-meter" role="meter" aria-label={`${label}: input level`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className={`level-meter-fill${muted ? ' level-meter-muted' : ''}`} style={{ transform: `scaleX(${level})` }} />
      </div>
    </div>
  );
}
