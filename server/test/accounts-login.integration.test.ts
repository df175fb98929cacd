import { Writable } from 'node:stream';
import { CloseCode, type InvitationCreated, type InvitationInfo, type LiveCallCreated, type UserSummary } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/lib/logger.js';
import { RecordingSocket } from './helpers/call-client.js';
import { api, login, sessionFrom, startTestApp, TEST_ADMIN, type TestApp, type UserSession } from './helpers/test-app.js';

/** Captures the app's JSON log lines. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

const post = (app: TestApp, route: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(app.baseUrl + route, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

async function inviteAndRegister(app: TestApp, email: string, role: 'manager' | 'rep', password: string): Promise<UserSession> {
  const { body } = await api<InvitationCreated>(app, 'POST', '/api/users/invitations', { email, role });
  const response = await post(app, '/api/auth/register', { invitation: body.token, name: email.split('@')[0], password });
  expect(response.status).toBe(201);
  return sessionFrom(app.baseUrl, response);
}

describe('accounts: login, sessions and user management', () => {
  let app: TestApp;
  const logs = capturedLogger();

  beforeAll(async () => {
    // TRUST_PROXY: each test speaks from its own X-Real-IP, so the per-address limit is per test.
    app = await startTestApp({ logger: logs.logger, env: { LOGIN_MAX_FAILURES: '3', LOGIN_ATTEMPTS_PER_MIN: '8', TRUST_PROXY: '1' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sets an HTTP-only, SameSite=Lax session cookie, Secure behind HTTPS, that logout ends', async () => {
    const plain = await post(app, '/api/auth/login', TEST_ADMIN, { 'x-real-ip': '10.0.0.1' });
    expect(plain.status).toBe(200);
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ca_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const overTls = await post(app, '/api/auth/login', TEST_ADMIN, { 'x-real-ip': '10.0.0.1', 'x-forwarded-proto': 'https' });
    expect(overTls.headers.get('set-cookie')).toMatch(/; Secure$/);

    const session = await sessionFrom(app.baseUrl, plain);
    expect(session.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin', organisation: { name: 'Default organisation' } });
    const me = await session.fetch('/api/auth/me');
    expect(((await me.json()) as { csrfToken: string }).csrfToken).toBe(session.csrfToken);
    const logout = await session.fetch('/api/auth/logout', { method: 'POST' });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^ca_session=; .*Max-Age=0/);
    expect((await session.fetch('/api/auth/me')).status).toBe(401);
  });

  it('locks an account after repeated wrong passwords, refuses even the right one while locked, and logs no password', async () => {
    const password = 'rep password one';
    const rep = await inviteAndRegister(app, 'locked@example.test', 'rep', password);
    const attempt = (guess: string) => post(app, '/api/auth/login', { email: 'locked@example.test', password: guess }, { 'x-real-ip': '10.0.0.2' });
    for (let i = 0; i < 2; i++) {
      const wrong = await attempt(`wrong guess ${i}`);
      expect(wrong.status).toBe(401);
      expect(await errorCode(wrong)).toBe('invalid_credentials');
    }
    const third = await attempt('wrong guess 2');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await attempt(password);
    expect(right.status).toBe(429);
    expect(await errorCode(right)).toBe('too_many_attempts');
    // The session opened before the lock still works: the lock is on logging in.
    expect((await rep.fetch('/api/auth/me')).status).toBe(200);

    const failures = logs.lines.filter((line) => line.includes('login failed: wrong password')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failures).toHaveLength(3);
    expect(failures[2]).toMatchObject({ userId: rep.user.id, failedLogins: 3, locked: true, clientAddress: '10.0.0.2' });
    expect(logs.lines.some((line) => line.includes('login refused: account locked'))).toBe(true);
    const everything = logs.lines.join('\n');
    for (const secret of ['wrong guess', password, TEST_ADMIN.password]) expect(everything).not.toContain(secret);
  });

  it('answers an unknown email like a wrong password, and slows one address trying many accounts', async () => {
    const attempt = (email: string) => post(app, '/api/auth/login', { email, password: 'whatever it is' }, { 'x-real-ip': '10.0.0.3' });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await attempt(`nobody${i}@example.test`)).status);
    // 8 per minute from one address; the 9th waits, whatever account it names.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    const logged = logs.lines.filter((line) => line.includes('login failed: no such account'));
    expect(logged.length).toBeGreaterThanOrEqual(8);
    // The email is PII: redacted in the log line.
    expect(logged.join('\n')).not.toContain('nobody0@example.test');
    // Another address is not affected.
    expect((await post(app, '/api/auth/login', TEST_ADMIN, { 'x-real-ip': '10.0.0.4' })).status).toBe(200);
  });

  it('registers invited users once, and refuses new organisations unless registration is open', async () => {
    const { body: created } = await api<InvitationCreated>(app, 'POST', '/api/users/invitations', { email: 'Manager@Example.test', role: 'manager' });
    const info = await post(app, '/api/auth/invitation', { invitation: created.token });
    expect(await info.json()).toMatchObject({ email: 'manager@example.test', role: 'manager', organisationName: 'Default organisation' } satisfies Partial<InvitationInfo>);
    const listed = (await api<{ invitations: { email: string }[] }>(app, 'GET', '/api/users')).body.invitations.map((i) => i.email);
    expect(listed).toContain('manager@example.test');

    const register = () => post(app, '/api/auth/register', { invitation: created.token, name: 'Mia Manager', password: 'manager password' });
    const first = await register();
    expect(first.status).toBe(201);
    const manager = await sessionFrom(app.baseUrl, first);
    expect(manager.user).toMatchObject({ email: 'manager@example.test', role: 'manager', name: 'Mia Manager' });
    const users = (await api<{ users: UserSummary[]; invitations: unknown[] }>(app, 'GET', '/api/users')).body;
    // Registering logged them in; the invitation is used up.
    expect(users.users.find((user) => user.email === 'manager@example.test')?.lastLoginAt).toEqual(expect.any(String));
    expect(users.invitations).toEqual([]);
    const again = await register();
    expect(again.status).toBe(400);
    expect(await errorCode(again)).toBe('invalid_invitation');
    // Inviting an email that has an account is refused.
    expect((await api(app, 'POST', '/api/users/invitations', { email: 'manager@example.test', role: 'rep' })).status).toBe(409);

    expect(await (await fetch(`${app.baseUrl}/api/auth/options`)).json()).toEqual({ registrationOpen: false });
    const closed = await post(app, '/api/auth/register', { organisationName: 'Other', name: 'X', email: 'x@other.test', password: 'long enough password' });
    expect(closed.status).toBe(403);
    expect(await errorCode(closed)).toBe('registration_closed');
    // Validation is strict and readable.
    const weak = await post(app, '/api/auth/register', { invitation: created.token, name: 'Y', password: 'short' });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { message: string } }).error.message).toMatch(/password: must be at least 10 characters|invalid request body/);
    const extra = await post(app, '/api/auth/login', { ...TEST_ADMIN, admin: true }, { 'x-real-ip': '10.0.0.5' });
    expect(extra.status).toBe(400);
    expect(await errorCode(extra)).toBe('invalid_body');
  });

  it('refuses logins a cross-site page could forge, and bodies with unknown fields', async () => {
    // An HTML form can post text/plain whose text parses as JSON.
    const formLike = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-real-ip': '10.0.0.7' }, body: JSON.stringify(TEST_ADMIN) });
    expect(formLike.status).toBe(415);
    expect(formLike.headers.get('set-cookie')).toBeNull();
    const crossSite = await post(app, '/api/auth/login', TEST_ADMIN, { 'sec-fetch-site': 'cross-site', 'x-real-ip': '10.0.0.7' });
    expect(crossSite.status).toBe(403);
    expect(await errorCode(crossSite)).toBe('cross_site_request');
    expect((await post(app, '/api/auth/login', TEST_ADMIN, { 'sec-fetch-site': 'same-origin', 'x-real-ip': '10.0.0.7' })).status).toBe(200);
    const extraField = await api<{ error: { code: string; issues: { message: string }[] } }>(app, 'POST', '/api/talking-points', { title: 'T', body: 'B', phrases: ['price'], orgId: 'another' });
    expect(extraField.status).toBe(400);
    expect(extraField.body.error.issues[0]!.message).toMatch(/orgId/);
  });

  it('ends other sessions when the password changes', async () => {
    const rep = await inviteAndRegister(app, 'changer@example.test', 'rep', 'first password');
    const otherDevice = await login(app.baseUrl, { email: 'changer@example.test', password: 'first password' });
    const wrong = await api(rep, 'POST', '/api/auth/password', { currentPassword: 'not it at all', newPassword: 'second password' });
    expect(wrong.status).toBe(401);
    expect((await api(rep, 'POST', '/api/auth/password', { currentPassword: 'first password', newPassword: 'second password' })).status).toBe(204);
    expect((await rep.fetch('/api/auth/me')).status).toBe(200);
    expect((await otherDevice.fetch('/api/auth/me')).status).toBe(401);
    expect((await login(app.baseUrl, { email: 'changer@example.test', password: 'second password' })).user.email).toBe('changer@example.test');
  });

  it('lets an admin change roles, disable and delete users, but never remove the last admin', async () => {
    const rep = await inviteAndRegister(app, 'managed@example.test', 'rep', 'managed password');
    const promoted = await api<UserSummary>(app, 'PATCH', `/api/users/${rep.user.id}`, { role: 'manager' });
    expect(promoted.body).toMatchObject({ role: 'manager', disabled: false });
    // The new role applies to the existing session at once.
    expect((await api(rep, 'GET', '/api/calls/analytics')).status).toBe(200);

    const call = (await api<LiveCallCreated>(rep, 'POST', '/api/live-calls')).body;
    const socket = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}/watch?token=${encodeURIComponent(call.token)}`);
    await socket.opened;
    expect((await api(app, 'PATCH', `/api/users/${rep.user.id}`, { disabled: true })).status).toBe(200);
    expect((await rep.fetch('/api/auth/me')).status).toBe(401);
    // Disabled means cut off now: the open socket closes too.
    expect(await socket.closed).toEqual({ code: CloseCode.unauthorized, reason: 'access revoked' });
    const disabledLogin = await post(app, '/api/auth/login', { email: 'managed@example.test', password: 'managed password' }, { 'x-real-ip': '10.0.0.6' });
    expect(disabledLogin.status).toBe(403);
    expect(await errorCode(disabledLogin)).toBe('account_disabled');

    const self = app.admin.user.id;
    for (const change of [{ role: 'manager' }, { disabled: true }]) {
      const refused = await api<{ error: { code: string } }>(app, 'PATCH', `/api/users/${self}`, change);
      expect({ change, status: refused.status, code: refused.body.error.code }).toEqual({ change, status: 409, code: 'last_admin' });
    }
    expect((await api(app, 'DELETE', `/api/users/${self}`)).status).toBe(409);
    expect((await api(app, 'DELETE', `/api/users/${rep.user.id}`)).status).toBe(204);
    expect((await api(app, 'GET', '/api/users')).body).not.toMatchObject({ users: expect.arrayContaining([expect.objectContaining({ id: rep.user.id })]) });
  });
});

describe('accounts: HTTP rate limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { HTTP_RATE_BURST: '5', HTTP_RATE_PER_S: '0.2', ANALYSIS_CONCURRENCY: '0', IMPORT_CONCURRENCY: '0' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 with Retry-After once a user exceeds their budget, without slowing other users', async () => {
    // The admin's login used one request of the address budget, not of the admin's.
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const response = await app.fetch('/api/talking-points');
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // An anonymous client has its own (address) budget.
    expect((await fetch(`${app.baseUrl}/api/talking-points`)).status).toBe(401);
  });
});
