import type { CallDetail, CallRecord } from '@call-assist/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getCallDetail } from '../../api/call-review';

/** How often an unfinished call (live, or its analysis under way) is read again. */
const POLL_INTERVAL_MS = 1500;

/** Whether the call page still waits for something: the call to end or its analysis to settle. */
export const isUnsettled = (detail: CallDetail) => isCallOngoing(detail.call) || detail.call.analysisStatus === 'pending' || detail.call.analysisStatus === 'processing';

/** A call that has not ended: live, about to start, or suspended while its rep reconnects. */
export const isCallOngoing = (call: CallRecord) => call.status === 'live' || call.status === 'created' || call.status === 'suspended';

export type CallDetailState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'done'; data: CallDetail; /** A failed refresh while polling; the data shown is the last good one. */ refreshError?: unknown };

/**
 * A call's detail (mount it keyed by the call id), read again every {@link POLL_INTERVAL_MS} while it is unsettled (stops once the
 * analysis completed or failed). `replace` takes a newer call record from an action's answer;
 * `refresh` reads again now (after reprocess).
 */
export function useCallDetail(callId: string) {
  const [state, setState] = useState<CallDetailState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Once the call has been shown, a failed refresh keeps it on screen and tries again.
  const shown = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      try {
        const data = await getCallDetail(callId, controller.signal);
        if (controller.signal.aborted) return;
        shown.current = true;
        setState({ status: 'done', data });
        if (isUnsettled(data)) timer.current = setTimeout(() => void load(), POLL_INTERVAL_MS);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (!shown.current) return setState({ status: 'error', error });
        setState((previous) => (previous.status === 'done' ? { ...previous, refreshError: error } : previous));
        timer.current = setTimeout(() => void load(), POLL_INTERVAL_MS * 2);
      }
    };
    if (!shown.current) setState({ status: 'loading' });
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer.current);
    };
  }, [callId, generation]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  const replace = useCallback((update: (detail: CallDetail) => CallDetail) => {
    setState((previous) => (previous.status === 'done' ? { status: 'done', data: update(previous.data) } : previous));
  }, []);
  return { state, refresh, replace };
}
