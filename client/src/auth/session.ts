import type { LoginInput } from '@call-assist/shared';
import { fetchSession, logIn, logOut } from '../api/auth';
import { ApiRequestError } from '../api/http';
import { adoptSession, setAnonymous, setUnreachable, useAuth } from './auth-store';

/** Asks the server who is signed in (the cookie decides): on load, and to pick up a changed session. */
export async function loadSession(): Promise<void> {
  try {
    adoptSession(await fetchSession());
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) setAnonymous();
    else if (useAuth.getState().status !== 'signed-in') setUnreachable();
  }
}

/** Logs in; throws the API error (wrong password, too many attempts…) for the form to show. */
export async function signIn(input: LoginInput): Promise<void> {
  adoptSession(await logIn(input));
}

/**
 * Logs out, then loads the app afresh at `to`: every screen's store (talking points, imports…) is
 * dropped with the page, so nothing of this user is left for the next one.
 */
export async function signOut(to = '/'): Promise<void> {
  await logOut();
  window.location.assign(to);
}
