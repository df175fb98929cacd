import type { CallPhase } from './live-call-store';

const LABELS: Record<CallPhase, string> = {
  idle: 'Not in a call',
  starting: 'Starting…',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ending: 'Ending…',
  ended: 'Call ended',
  failed: 'Disconnected',
};

/** The connection state at a glance: colour plus words (never colour alone). */
export function ConnectionBadge({ phase, attempt }: { phase: CallPhase; attempt: number }) {
  const label = phase === 'reconnecting' && attempt > 1 ? `Reconnecting… (attempt ${attempt})` : LABELS[phase];
  return (
    <span className={`badge badge-${phase}`} role="status" aria-live="polite" data-phase={phase}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
