import { CloseCode, type InvitationCreated, type LiveCallCreated } from '@call-assist/shared';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveCall, getCall } from '../src/db/calls.js';
import { wavHeader } from '../src/lib/audio/wav.js';
import { RecordingSocket } from './helpers/call-client.js';
import { api, sessionFrom, startTestApp, type TestApp, type UserSession } from './helpers/test-app.js';

/**
 * The access matrix of issue 7: every route and both sockets without a session; each role against
 * what it may not do; every object of another organisation, and a rep against another rep's call.
 * One app, two organisations: A (the default one, its admin, a manager, two reps) and B.
 */

/** Every API route with sample ids; `:call` etc. are replaced per test. */
const ROUTES: [method: string, route: string][] = [
  ['GET', '/api/auth/me'],
  ['POST', '/api/auth/password'],
  ['GET', '/api/users'],
  ['POST', '/api/users/invitations'],
  ['DELETE', '/api/users/invitations/:invitation'],
  ['PATCH', '/api/users/:user'],
  ['DELETE', '/api/users/:user'],
  ['GET', '/api/talking-points'],
  ['POST', '/api/talking-points'],
  ['POST', '/api/talking-points/backtest'],
  ['GET', '/api/talking-points/:point'],
  ['PUT', '/api/talking-points/:point'],
  ['DELETE', '/api/talking-points/:point'],
  ['POST', '/api/live-calls'],
  ['POST', '/api/live-calls/:call/token'],
  ['POST', '/api/calls/:call/cards/:card/feedback'],
  ['POST', '/api/calls'],
  ['GET', '/api/calls'],
  ['GET', '/api/calls/analytics'],
  ['GET', '/api/calls/stats'],
  ['GET', '/api/calls/:call'],
  ['GET', '/api/calls/:call/audio'],
  ['GET', '/api/calls/:call/export'],
  ['PUT', '/api/calls/:call/tags'],
  ['POST', '/api/calls/:call/reprocess'],
  ['DELETE', '/api/calls/:call'],
  ['POST', '/api/bulk-import/start'],
  ['GET', '/api/bulk-import/jobs'],
  ['GET', '/api/bulk-import/status/:job'],
  ['GET', '/api/bulk-import/status/:job/events'],
  ['POST', '/api/bulk-import/:job/retry-failed'],
  ['POST', '/api/bulk-import/:job/cancel'],
];

/** A body each route accepts, so a refusal is about access, not about the body. */
const BODIES: Record<string, unknown> = {
  'POST /api/auth/password': { currentPassword: 'x', newPassword: 'a new long password' },
  'POST /api/users/invitations': { email: 'someone@example.test', role: 'rep' },
  'PATCH /api/users/:user': { name: 'Renamed' },
  'POST /api/talking-points': { title: 'T', body: 'B', phrases: ['price'] },
  'PUT /api/talking-points/:point': { title: 'T', body: 'B', phrases: ['price'] },
  'POST /api/talking-points/backtest': { phrases: ['price'] },
  'POST /api/live-calls/:call/token': { purpose: 'watch' },
  'POST /api/calls/:call/cards/:card/feedback': { feedback: 'used' },
  'PUT /api/calls/:call/tags': { tags: ['x'] },
  'POST /api/bulk-import/start': { source_url: 'http://127.0.0.1:9/calls/', customer_name: 'Acme' },
};

/** What the issue's roles allow: users are the admin's; a rep takes calls, reads talking points and their own calls. */
function roleMayUse(role: string, method: string, route: string): boolean {
  if (route.startsWith('/api/users')) return role === 'admin';
  if (role !== 'rep') return true;
  if (route.startsWith('/api/talking-points')) return method === 'GET';
  if (route.startsWith('/api/bulk-import')) return false;
  return !['POST /api/calls', 'GET /api/calls/analytics', 'PUT /api/calls/:call/tags', 'POST /api/calls/:call/reprocess', 'DELETE /api/calls/:call'].includes(`${method} ${route}`);
}

const SILENCE_WAV = (() => {
  const pcm = Buffer.alloc(16_000 * 2);
  return Buffer.concat([wavHeader(pcm.byteLength, 16_000), pcm]);
})();

interface Ids {
  call: string;
  card: string;
  point: string;
  job: string;
  user: string;
  invitation: string;
}

const fill = (route: string, ids: Ids) => route.replace(/:(call|card|point|job|user|invitation)\b/g, (_, key: keyof Ids) => ids[key]);

async function send(as: UserSession | undefined, baseUrl: string, method: string, route: string, ids: Ids, body = BODIES[`${method} ${route}`]): Promise<Response> {
  const init: RequestInit = { method, ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) };
  if (method === 'POST' && route === '/api/calls') {
    const form = new FormData();
    form.set('file', new Blob([SILENCE_WAV], { type: 'audio/wav' }), 'silence.wav');
    init.body = form;
    init.headers = {};
  }
  const path = fill(route, ids);
  return as ? as.fetch(path, init) : fetch(baseUrl + path, init);
}

async function invite(app: TestApp, admin: UserSession, email: string, role: 'manager' | 'rep', name: string): Promise<UserSession> {
  const { status, body } = await api<InvitationCreated>(admin, 'POST', '/api/users/invitations', { email, role });
  expect(status).toBe(201);
  const response = await fetch(`${app.baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invitation: body.token, name, password: `${name} password 123` }),
  });
  expect(response.status).toBe(201);
  return sessionFrom(app.baseUrl, response);
}

async function uploadCall(as: UserSession): Promise<string> {
  const response = await send(as, '', 'POST', '/api/calls', {} as Ids);
  expect(response.status).toBe(201);
  return ((await response.json()) as { callId: string }).callId;
}

async function createTalkingPoint(as: UserSession): Promise<string> {
  const { status, body } = await api<{ id: string }>(as, 'POST', '/api/talking-points', { title: 'Price', body: 'Mention the payment plan', phrases: ['price'] });
  expect(status).toBe(201);
  return body.id;
}

async function startImport(as: UserSession): Promise<string> {
  const { status, body } = await api<{ job_id: string }>(as, 'POST', '/api/bulk-import/start', BODIES['POST /api/bulk-import/start']);
  expect(status).toBe(202);
  return body.job_id;
}

const socketUrl = (app: TestApp, callId: string, token: string | undefined, watch = false) =>
  `${app.wsUrl}/ws/calls/${callId}${watch ? '/watch' : ''}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

/** The HTTP status of a refused upgrade, or the close code of a socket that opened. */
function socketOutcome(url: string): Promise<{ httpStatus?: number; closeCode?: number; reason?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_request, response) => {
      resolve({ httpStatus: response.statusCode });
      ws.terminate();
    });
    ws.once('close', (code, reason) => resolve({ closeCode: code, reason: reason.toString() }));
    ws.once('error', () => undefined);
  });
}

describe('accounts: access matrix', () => {
  let app: TestApp;
  let adminA: UserSession;
  let managerA: UserSession;
  let rep1: UserSession;
  let rep2: UserSession;
  let adminB: UserSession;
  /** Objects of organisation A, and of organisation B. */
  let idsA: Ids;
  let idsB: Ids;
  let rep1Call: LiveCallCreated;
  let rep2Call: LiveCallCreated;

  beforeAll(async () => {
    app = await startTestApp({ env: { ALLOW_REGISTRATION: '1', IMPORT_ALLOW_PRIVATE: '1', IMPORT_CONCURRENCY: '0', ANALYSIS_CONCURRENCY: '0' } });
    adminA = app.admin;
    managerA = await invite(app, adminA, 'manager@a.test', 'manager', 'Manager A');
    rep1 = await invite(app, adminA, 'rep1@a.test', 'rep', 'Rep One');
    rep2 = await invite(app, adminA, 'rep2@a.test', 'rep', 'Rep Two');
    const registered = await fetch(`${app.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisationName: 'Organisation B', name: 'Admin B', email: 'admin@b.test', password: 'admin b password' }),
    });
    expect(registered.status).toBe(201);
    expect(await (await fetch(`${app.baseUrl}/api/auth/options`)).json()).toEqual({ registrationOpen: true });
    adminB = await sessionFrom(app.baseUrl, registered);
    const repB = await invite(app, adminB, 'rep@b.test', 'rep', 'Rep B');

    rep1Call = (await api<LiveCallCreated>(rep1, 'POST', '/api/live-calls')).body;
    rep2Call = (await api<LiveCallCreated>(rep2, 'POST', '/api/live-calls')).body;
    const openInvitationA = (await api<InvitationCreated>(adminA, 'POST', '/api/users/invitations', { email: 'later@a.test', role: 'rep' })).body;
    const openInvitationB = (await api<InvitationCreated>(adminB, 'POST', '/api/users/invitations', { email: 'later@b.test', role: 'rep' })).body;
    const cardId = '00000000-0000-4000-8000-000000000000';
    idsA = { call: await uploadCall(adminA), card: cardId, point: await createTalkingPoint(adminA), job: await startImport(adminA), user: rep1.user.id, invitation: openInvitationA.invitation.id };
    idsB = { call: await uploadCall(adminB), card: cardId, point: await createTalkingPoint(adminB), job: await startImport(adminB), user: repB.user.id, invitation: openInvitationB.invitation.id };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('answers 401 on every route without a session, and on both sockets without a token', async () => {
    for (const [method, route] of ROUTES) {
      const response = await send(undefined, app.baseUrl, method, route, idsA);
      expect({ route: `${method} ${route}`, status: response.status }).toEqual({ route: `${method} ${route}`, status: 401 });
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    // A large upload refused before it is read: answered at once, and the gateway carries on.
    const big = new FormData();
    big.set('file', new Blob([Buffer.alloc(8 * 1024 * 1024)], { type: 'audio/wav' }), 'big.wav');
    expect((await fetch(`${app.baseUrl}/api/calls`, { method: 'POST', body: big })).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    // A forged or stale cookie is no session either.
    const forged = await fetch(`${app.baseUrl}/api/calls`, { headers: { cookie: 'ca_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(401);
    expect(await socketOutcome(socketUrl(app, rep1Call.callId, undefined))).toEqual({ httpStatus: 401 });
    expect(await socketOutcome(socketUrl(app, rep1Call.callId, undefined, true))).toEqual({ httpStatus: 401 });
  });

  it("answers 404 to every user of organisation A for organisation B's objects by id", async () => {
    const byId = ROUTES.filter(([, route]) => /:(call|point|job|user|invitation)\b/.test(route));
    for (const user of [adminA, managerA, rep1]) {
      for (const [method, route] of byId) {
        const response = await send(user, app.baseUrl, method, route, idsB);
        // A route the role may not use is refused before any lookup (403); nothing reveals B's objects.
        const expected = roleMayUse(user.user.role, method, route) ? 404 : 403;
        expect({ as: user.user.email, route: `${method} ${route}`, status: response.status }).toEqual({ as: user.user.email, route: `${method} ${route}`, status: expected });
      }
    }
    // Using B's talking point as a backtest rule is reading it.
    expect((await api(adminA, 'POST', '/api/talking-points/backtest', { talking_point_id: idsB.point })).status).toBe(404);
    // B's objects are untouched by all of the above.
    expect((await api(adminB, 'GET', `/api/calls/${idsB.call}`)).status).toBe(200);
    expect((await api(adminB, 'GET', `/api/talking-points/${idsB.point}`)).status).toBe(200);
    expect((await api(adminB, 'GET', `/api/bulk-import/status/${idsB.job}`)).status).toBe(200);
  });

  it("keeps organisation B's rows out of A's lists", async () => {
    const calls = (await api<{ calls: { id: string }[] }>(adminA, 'GET', '/api/calls')).body.calls.map((call) => call.id);
    expect(calls).toContain(idsA.call);
    expect(calls).not.toContain(idsB.call);
    const points = (await api<{ id: string }[]>(adminA, 'GET', '/api/talking-points')).body.map((point) => point.id);
    expect(points).toEqual([idsA.point]);
    const jobs = (await api<{ jobs: { job_id: string }[] }>(adminA, 'GET', '/api/bulk-import/jobs')).body.jobs.map((job) => job.job_id);
    expect(jobs).toEqual([idsA.job]);
    const users = (await api<{ users: { email: string }[] }>(adminA, 'GET', '/api/users')).body.users.map((user) => user.email);
    expect(users.sort()).toEqual(['admin@example.test', 'manager@a.test', 'rep1@a.test', 'rep2@a.test']);
  });

  it("answers 404 to a rep reading another rep's call, and lists only the rep's own calls", async () => {
    for (const route of ['/api/calls/:call', '/api/calls/:call/audio', '/api/calls/:call/export']) {
      expect((await send(rep2, app.baseUrl, 'GET', route, { ...idsA, call: rep1Call.callId })).status).toBe(404);
      expect((await send(rep1, app.baseUrl, 'GET', route, idsA)).status).toBe(404); // the admin's upload
    }
    expect((await api(rep2, 'POST', `/api/live-calls/${rep1Call.callId}/token`, { purpose: 'watch' })).status).toBe(404);
    expect((await api(rep2, 'POST', `/api/calls/${rep1Call.callId}/cards/${idsA.card}/feedback`, { feedback: 'used' })).status).toBe(404);
    expect((await api(rep1, 'GET', `/api/calls/${rep1Call.callId}`)).status).toBe(200);
    const listed = (await api<{ total: number; calls: { id: string }[] }>(rep1, 'GET', '/api/calls')).body;
    expect(listed.calls.map((call) => call.id)).toEqual([rep1Call.callId]);
    expect(listed.total).toBe(1);
    // Managers and admins see every call of the organisation.
    const managerList = (await api<{ calls: { id: string }[] }>(managerA, 'GET', '/api/calls')).body.calls.map((call) => call.id);
    expect(managerList.sort()).toEqual([idsA.call, rep1Call.callId, rep2Call.callId].sort());
  });

  it('answers 403 to a rep managing talking points, importing, reviewing org-wide or managing users, and to a manager managing users', async () => {
    const forbidden = (role: string) => ROUTES.filter(([method, route]) => !roleMayUse(role, method, route));
    expect(forbidden('rep').length).toBeGreaterThan(15);
    expect(forbidden('manager').map(([method, route]) => `${method} ${route}`)).toEqual(ROUTES.filter(([, route]) => route.startsWith('/api/users')).map(([m, r]) => `${m} ${r}`));
    for (const [user, role] of [[rep1, 'rep'], [managerA, 'manager']] as const) {
      for (const [method, route] of forbidden(role)) {
        const response = await send(user, app.baseUrl, method, route, { ...idsA, call: rep1Call.callId });
        expect({ role, route: `${method} ${route}`, status: response.status }).toEqual({ role, route: `${method} ${route}`, status: 403 });
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      }
    }
    // What a rep may do: read the talking points, take calls.
    expect((await api(rep1, 'GET', '/api/talking-points')).status).toBe(200);
    expect((await api(managerA, 'PUT', `/api/talking-points/${idsA.point}`, BODIES['PUT /api/talking-points/:point'])).status).toBe(200);
  });

  it('refuses a state-changing request whose CSRF header is missing or wrong', async () => {
    for (const csrf of [undefined, 'not-the-token']) {
      const response = await fetch(`${app.baseUrl}/api/talking-points`, {
        method: 'POST',
        headers: { cookie: adminA.cookie, 'content-type': 'application/json', ...(csrf && { 'x-csrf-token': csrf }) },
        body: JSON.stringify(BODIES['POST /api/talking-points']),
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    }
    // Another user's CSRF token does not fit this session.
    const crossed = await fetch(`${app.baseUrl}/api/talking-points`, {
      method: 'POST',
      headers: { cookie: adminA.cookie, 'content-type': 'application/json', 'x-csrf-token': managerA.csrfToken },
      body: JSON.stringify(BODIES['POST /api/talking-points']),
    });
    expect(crossed.status).toBe(403);
  });

  it('refuses expired, tampered, watch-only and other-call tokens on the sockets with 4401', async () => {
    const { tokens } = app;
    const claims = { callId: rep1Call.callId, orgId: rep1.user.organisation.id, userId: rep1.user.id };
    const expired = tokens.issue({ ...claims, purpose: 'stream' }, Math.floor(Date.now() / 1000) - 3600);
    const [payload, signature] = rep1Call.token.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, callId: rep2Call.callId, purpose: 'stream', exp: 9e9 })).toString('base64url');
    const tampered = `${otherPayload}.${signature}`;
    const watchOnly = (await api<LiveCallCreated>(rep1, 'POST', `/api/live-calls/${rep1Call.callId}/token`, { purpose: 'watch' })).body.token;
    expect(payload).toBeTruthy();

    const cases: [string, string, boolean, string][] = [
      ['expired', socketUrl(app, rep1Call.callId, expired), false, 'token expired'],
      ['tampered', socketUrl(app, rep2Call.callId, tampered), false, 'bad signature'],
      ['garbage', socketUrl(app, rep1Call.callId, 'not.a-token'), false, 'bad signature'],
      ["other call's", socketUrl(app, rep2Call.callId, rep1Call.token), false, 'token is for another call'],
      ["other call's (watch)", socketUrl(app, rep2Call.callId, rep1Call.token, true), true, 'token is for another call'],
      ['watch token streaming', socketUrl(app, rep1Call.callId, watchOnly), false, 'a watch token cannot stream'],
    ];
    for (const [name, url, , reason] of cases) {
      expect({ name, ...(await socketOutcome(url)) }).toEqual({ name, closeCode: CloseCode.unauthorized, reason });
    }

    // The right tokens open: the rep's own stream token, a manager's watch token.
    const own = RecordingSocket.connect(socketUrl(app, rep1Call.callId, rep1Call.token));
    await own.opened;
    own.hello();
    expect((await own.next('ready')).type).toBe('ready');
    const managerWatch = await api<LiveCallCreated>(managerA, 'POST', `/api/live-calls/${rep1Call.callId}/token`, { purpose: 'watch' });
    expect(managerWatch.status).toBe(200);
    const watcher = RecordingSocket.connect(socketUrl(app, rep1Call.callId, managerWatch.body.token, true));
    await watcher.opened;
    // A manager cannot take over a rep's stream; the rep can get a fresh stream token for a reconnect.
    expect((await api(managerA, 'POST', `/api/live-calls/${rep1Call.callId}/token`, { purpose: 'stream' })).status).toBe(404);
    expect((await api(rep1, 'POST', `/api/live-calls/${rep1Call.callId}/token`, { purpose: 'stream' })).status).toBe(200);
    own.sendJson({ type: 'end' });
    expect((await own.closed).code).toBe(1000);
    watcher.ws.close();
    // An ended call hands out no more tokens.
    expect((await api(rep1, 'POST', `/api/live-calls/${rep1Call.callId}/token`, { purpose: 'stream' })).status).toBe(409);
  });

  it("closes a user's sockets with 4429 when together they send more than the user's budget", async () => {
    const watchToken = async () => (await api<LiveCallCreated>(rep2, 'POST', `/api/live-calls/${rep2Call.callId}/token`, { purpose: 'watch' })).body.token;
    const sockets = await Promise.all([1, 2, 3].map(async () => RecordingSocket.connect(socketUrl(app, rep2Call.callId, await watchToken(), true))));
    await Promise.all(sockets.map((socket) => socket.opened));
    // Each socket alone stays under the user's burst (240 messages); the three together do not.
    for (let i = 0; i < 100; i++) for (const socket of sockets) socket.ws.send('{}');
    const closes = await Promise.race([Promise.any(sockets.map((socket) => socket.closed)), new Promise<undefined>((resolve) => setTimeout(resolve, 5_000, undefined))]);
    expect(closes).toEqual({ code: CloseCode.rateLimited, reason: 'too many messages from this user' });
    // Another user is not affected.
    const other = RecordingSocket.connect(socketUrl(app, rep2Call.callId, (await api<LiveCallCreated>(managerA, 'POST', `/api/live-calls/${rep2Call.callId}/token`, { purpose: 'watch' })).body.token, true));
    await other.opened;
    for (let i = 0; i < 100; i++) other.ws.send('{}');
    other.ws.close(1000);
    expect((await other.closed).code).toBe(1000);
    for (const socket of sockets) socket.ws.terminate();
  });

  it("lets no call of one organisation be owned by another's user, and keeps a deleted rep's calls", async () => {
    // The database itself refuses it, whatever code writes the row.
    await expect(createLiveCall(app.database.db, { orgId: adminB.user.organisation.id }, rep1.user.id)).rejects.toThrow();
    const watchToken = (await api<LiveCallCreated>(rep2, 'POST', `/api/live-calls/${rep2Call.callId}/token`, { purpose: 'watch' })).body.token;
    const open = RecordingSocket.connect(socketUrl(app, rep2Call.callId, watchToken, true));
    await open.opened;
    expect((await api(adminA, 'DELETE', `/api/users/${rep2.user.id}`)).status).toBe(204);
    // Their open socket is closed at once, not when it next reconnects.
    expect(await open.closed).toEqual({ code: CloseCode.unauthorized, reason: 'access revoked' });
    const kept = await getCall(app.database.db, { orgId: adminA.user.organisation.id }, rep2Call.callId);
    expect(kept).toMatchObject({ id: rep2Call.callId, orgId: adminA.user.organisation.id, userId: null });
    expect((await rep2.fetch('/api/auth/me')).status).toBe(401);
  });
});
