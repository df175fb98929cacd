import { formatAudioTime } from './format';
import { useLiveCall } from './live-call-store';

/** How long the call has run (its audio time): subscribes itself, so ten updates a second redraw only it. */
export function CallTimer() {
  const callAudioMs = useLiveCall((state) => state.callAudioMs);
  return (
    <span className="call-timer" aria-label="Call time" data-testid="call-time">
      {formatAudioTime(callAudioMs)}
    </span>
  );
}
