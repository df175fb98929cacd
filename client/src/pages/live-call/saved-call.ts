/**
 * The call in progress in this tab, kept in sessionStorage (per tab, survives a reload) so a
 * reloaded pane can resume it: the server keeps a dropped call for a grace period. Only the id: its
 * socket tokens are short-lived, so resuming asks the server for a fresh one.
 */
export interface SavedCall {
  callId: string;
}

const KEY = 'call-assist:active-call';

export function saveCall(call: SavedCall): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(call));
  } catch {
    // Storage disabled or full: resuming after a reload is a convenience, the call goes on.
  }
}

export function forgetCall(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}

/** The saved call, unless there is none or it is malformed. Whether it can still be resumed is the server's to say. */
export function savedCall(): SavedCall | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<SavedCall> | null;
    return typeof parsed?.callId === 'string' ? { callId: parsed.callId } : null;
  } catch {
    return null;
  }
}
