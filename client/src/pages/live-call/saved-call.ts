/**
 * The call in progress in this tab, kept in sessionStorage (per tab, survives a reload) so a
 * reloaded pane can resume it: the server keeps a dropped call for a grace period.
 */
export interface SavedCall {
  callId: string;
  token: string;
  /** When the token stops being accepted (ms since epoch). */
  expiresAt: number;
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

/** The saved call, unless there is none, it is malformed or its token has expired. */
export function savedCall(): SavedCall | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<SavedCall> | null;
    if (typeof parsed?.callId !== 'string' || typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return null;
    return parsed.expiresAt > Date.now() ? (parsed as SavedCall) : null;
  } catch {
    return null;
  }
}
