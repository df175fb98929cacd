import { useLiveCall } from './live-call-store';

/** Microphone input level: lets the rep see the pane hears them before trusting the transcript. */
export function LevelMeter({ muted }: { muted: boolean }) {
  const level = useLiveCall((state) => state.level);
  const percent = Math.round(level * 100);
  return (
    <div className="level-meter" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className={`level-meter-fill${muted ? ' level-meter-muted' : ''}`} style={{ transform: `scaleX(${level})` }} />
    </div>
  );
}
