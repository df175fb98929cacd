import { mkdtemp, rm } from 'node:fs/promises';
import { CSRF_HEADER, type AuthSession, type AuthUser } from '@call-assist/shared';
import os from 'node:os';
import path from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/lib/logger.js';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './services.js';

/** The admin every test app starts with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'admin@example.test', password: 'test admin password' } as const;

/** A logged-in user of a running server: `fetch` sends their session cookie and CSRF token. */
export interface UserSession {
  baseUrl: string;
  user: AuthUser;
  cookie: string;
  csrfToken: string;
  fetch(route: string, init?: RequestInit): Promise<Response>;
}

/** Logs in over the API, as the client does. */
export async function login(baseUrl: string, credentials: { email: string; password: string }): Promise<UserSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  if (response.status !== 200) throw new Error(`login as ${credentials.email} failed: ${response.status} ${await response.text()}`);
  return sessionFrom(baseUrl, response);
}

/** The session a login or register answer opened. */
export async function sessionFrom(baseUrl: string, response: Response): Promise<UserSession> {
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { user, csrfToken } = (await response.json()) as AuthSession;
  return {
    baseUrl,
    user,
    cookie,
    csrfToken,
    fetch: (route, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if ((init.method ?? 'GET').toUpperCase() !== 'GET') headers.set(CSRF_HEADER, csrfToken);
      return fetch(baseUrl + route, { ...init, headers });
    },
  };
}

export interface TestApp extends App {
  baseUrl: string;
  wsUrl: string;
  dataDir: string;
  /** Logged in as TEST_ADMIN. */
  admin: UserSession;
  /** `fetch` as the admin. */
  fetch(route: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The whole service on port 0 against the real PostgreSQL (a fresh database) and, if asked, Redis. */
export async function startTestApp(
  options: { redis?: boolean; env?: Record<string, string>; database?: TestDatabase; logger?: Logger } = {},
): Promise<TestApp> {
  // A shared database (several gateways of one deployment) is dropped by whoever created it.
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = !options.database;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'call-assist-test-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOCAL_STT_WORKERS: '1',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // Many tests log in from 127.0.0.1; the address limit has its own test.
    LOGIN_ATTEMPTS_PER_MIN: '1000',
    ...(options.redis && { REDIS_URL: testRedisUrl() }),
    ...options.env,
  });
  const cleanUp = async () => {
    if (ownsDatabase) await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  let app: App;
  try {
    app = await startApp(config, options.logger ?? createLogger(config.LOG_LEVEL));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${app.port}`;
  let admin: UserSession;
  try {
    admin = await login(baseUrl, TEST_ADMIN);
  } catch (error) {
    await app.stop();
    await cleanUp();
    throw error;
  }
  return {
    ...app,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${app.port}`,
    dataDir,
    admin,
    fetch: admin.fetch,
    close: async () => {
      await app.stop();
      await cleanUp();
    },
  };
}

/** JSON API call as the app's admin or as the given user; returns status and parsed body. */
export async function api<T = unknown>(as: TestApp | UserSession, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await as.fetch(route, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Polls `GET /api/calls/:id` the way the review page does, until the analysis completed or failed. */
export async function settledCall<T extends { call: { analysisStatus: string } }>(app: TestApp, callId: string): Promise<T> {
  for (;;) {
    const { body } = await api<T>(app, 'GET', `/api/calls/${callId}`);
    if (body.call.analysisStatus === 'completed' || body.call.analysisStatus === 'failed') return body;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
