import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './services.js';

export interface TestApp extends App {
  baseUrl: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The whole service on port 0 against the real PostgreSQL (a fresh database) and, if asked, Redis. */
export async function startTestApp(
  options: { redis?: boolean; env?: Record<string, string>; database?: TestDatabase } = {},
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
    ...(options.redis && { REDIS_URL: testRedisUrl() }),
    ...options.env,
  });
  const cleanUp = async () => {
    if (ownsDatabase) await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  let app: App;
  try {
    app = await startApp(config, createLogger(config.LOG_LEVEL));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    ...app,
    baseUrl: `http://127.0.0.1:${app.port}`,
    wsUrl: `ws://127.0.0.1:${app.port}`,
    dataDir,
    close: async () => {
      await app.stop();
      await cleanUp();
    },
  };
}

/** JSON API call; returns status and parsed body. */
export async function api<T = unknown>(app: TestApp, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(app.baseUrl + route, {
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
