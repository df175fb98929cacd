import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TalkingPoint } from '@call-assist/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/lib/logger.js';
import { login, startTestApp } from './helpers/test-app.js';

/** What `npm start` runs: no DATABASE_URL, no REDIS_URL — embedded PostgreSQL and the in-process bus. */
describe('embedded defaults', () => {
  let workDir: string | undefined;
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('starts with no services configured, keeps data across a restart on the same DATA_DIR', async () => {
    // Inside a private (0700) directory, like a checkout in a home or mktemp directory.
    workDir = await mkdtemp(path.join(os.tmpdir(), 'call-assist-embedded-'));
    const dataDir = path.join(workDir, 'checkout', '.data');
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', LOCAL_STT_WORKERS: '1' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();

    const first = await startApp(config, createLogger('silent'));
    const base = `http://127.0.0.1:${first.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // No ADMIN_EMAIL / ADMIN_PASSWORD either: the first start makes an admin with a password to print once.
    expect(first.firstAdmin).toEqual({ email: 'admin@localhost', generatedPassword: expect.any(String) });
    const credentials = { email: first.firstAdmin!.email, password: first.firstAdmin!.generatedPassword! };
    const admin = await login(base, credentials);
    const created = (await (
      await admin.fetch('/api/talking-points', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Kept', body: 'b', phrases: ['kept'] }) })
    ).json()) as TalkingPoint;
    expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/);
    await first.stop();

    const second = await startApp(config, createLogger('silent'));
    // The admin was kept too: no second one is made, and the printed password still logs in.
    expect(second.firstAdmin).toBeUndefined();
    const again = await login(`http://127.0.0.1:${second.port}`, credentials);
    const list = (await (await again.fetch('/api/talking-points')).json()) as TalkingPoint[];
    expect(list.map((p) => p.id)).toEqual([created.id]);
    await second.stop();
  }, 60_000);
});

describe('port ownership', () => {
  it('refuses to start a second server on a port that is already served', async () => {
    const first = await startTestApp();
    try {
      await expect(startTestApp({ env: { PORT: String(first.port) } })).rejects.toThrow(/another server using the port/);
      expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await first.close();
    }
  }, 60_000);
});
