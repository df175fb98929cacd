import {
  invitationLookupSchema,
  loginInputSchema,
  passwordChangeSchema,
  registerInputSchema,
  SESSION_COOKIE,
  type AuthOptions,
} from '@call-assist/shared';
import { authSessionOf, type Accounts, type OpenedSession } from '../../auth/accounts.js';
import { readCookie, sessionCookie } from '../../auth/cookies.js';
import { parseBody, type ApiResponse, type PublicRequest, type Router } from '../http.js';

export interface AuthRoutesDeps {
  accounts: Accounts;
  /** COOKIE_SECURE: `auto` marks the cookie Secure when the request came over HTTPS. */
  cookieSecure: 'auto' | 'true' | 'false';
}

/**
 * Sessions are HTTP-only cookies; the answer's `csrfToken` must come back in `x-csrf-token` on every
 * state-changing request (see README "Accounts and security").
 */
export function registerAuthRoutes(router: Router, { accounts, cookieSecure }: AuthRoutesDeps): void {
  const secure = (request: PublicRequest) => cookieSecure === 'true' || (cookieSecure === 'auto' && request.headers['x-forwarded-proto'] === 'https');
  const opened = (request: PublicRequest, status: number, { token, maxAgeS, session }: OpenedSession): ApiResponse => ({
    status,
    body: session,
    headers: { 'set-cookie': sessionCookie(SESSION_COOKIE, token, { maxAgeS, secure: secure(request) }) },
  });

  router.publicRoute('get', '/api/auth/options', async () => {
    const body: AuthOptions = { registrationOpen: accounts.registrationOpen };
    return { status: 200, body };
  });

  router.publicRoute('post', '/api/auth/login', async (request) => opened(request, 200, await accounts.login(parseBody(loginInputSchema, request.body), request.clientAddress)));

  router.publicRoute('post', '/api/auth/register', async (request) => opened(request, 201, await accounts.register(parseBody(registerInputSchema, request.body))));

  router.publicRoute('post', '/api/auth/invitation', async (request) => ({
    status: 200,
    body: await accounts.describeInvitation(parseBody(invitationLookupSchema, request.body).invitation),
  }));

  // Public so that a stale page can always log out; ends the session if there is one.
  router.publicRoute('post', '/api/auth/logout', async (request) => {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token) await accounts.logout(token);
    return { status: 204, headers: { 'set-cookie': sessionCookie(SESSION_COOKIE, '', { maxAgeS: 0, secure: secure(request) }) } };
  });

  router.get('/api/auth/me', async (request) => ({ status: 200, body: authSessionOf(request.caller, request.caller.csrfToken) }));

  router.post('/api/auth/password', async (request) => {
    await accounts.changePassword(request.caller, parseBody(passwordChangeSchema, request.body));
    return { status: 204 };
  });
}
