import type { AuthSession } from '@call-assist/shared';
import { create } from 'zustand';

export type AuthStatus =
  /** `GET /api/auth/me` has not answered yet. */
  | 'unknown'
  /** The server could not be asked (offline, down): the app offers to try again. */
  | 'unreachable'
  | 'anonymous'
  | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  session: AuthSession | null;
  /** Set when a session ended under the user (expired, ended elsewhere), so the login screen can say why. */
  sessionEnded: boolean;
  /** Who was signed in before: someone else logging in gets a fresh page (no cached data of the other user). */
  previousUserId: string | null;
}

/**
 * Who is signed in. Kept apart from the API functions so the HTTP layer can read the CSRF token and
 * report an ended session without importing the pages' code.
 */
export const useAuth = create<AuthState>()(() => ({ status: 'unknown', session: null, sessionEnded: false, previousUserId: null }));

/**
 * Takes a session the server gave (login, register, `me`). Someone other than the user before gets
 * a freshly loaded page instead: the screens' stores still hold the other user's data. Returns false
 * when the page reloads.
 */
export function adoptSession(session: AuthSession): boolean {
  const { previousUserId } = useAuth.getState();
  if (previousUserId !== null && previousUserId !== session.user.id) {
    window.location.reload();
    return false;
  }
  useAuth.setState({ status: 'signed-in', session, sessionEnded: false, previousUserId: session.user.id });
  return true;
}

export function setAnonymous(): void {
  useAuth.setState({ status: 'anonymous', session: null });
}

export function setUnreachable(): void {
  useAuth.setState({ status: 'unreachable' });
}

/** The server answered 401 `unauthenticated`: show the login screen in place, on the page the user was on. */
export function markSessionEnded(): void {
  const { status } = useAuth.getState();
  if (status === 'anonymous') return;
  useAuth.setState({ status: 'anonymous', session: null, sessionEnded: status === 'signed-in' });
}

/** The token every state-changing request echoes in the CSRF header; undefined when signed out. */
export const currentCsrfToken = (): string | undefined => useAuth.getState().session?.csrfToken;
