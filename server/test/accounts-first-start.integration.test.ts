import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/lib/free-port.js';
import { startService, untilLogged, type Service } from './helpers/processes.js';
import { createTestDatabase, type TestDatabase } from './helpers/services.js';
import { login } from './helpers/test-app.js';

async function stop(service: Service | undefined): Promise<void> {
  if (!service || service.process.exitCode !== null) return;
  service.process.kill('SIGTERM');
  await service.exited;
}

/** `npm start` on an empty database: the admin's credentials are printed once, to the terminal only. */
describe('first start', () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let gateway: Service | undefined;

  afterAll(async () => {
    await stop(gateway);
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a generated admin password once, which logs in, and never logs it', async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'call-assist-first-start-'));
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'info', LOCAL_STT_WORKERS: '1', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' };
    gateway = await startService('gateway', 'main', env, 'Call Assist is running');
    // The JSON log (pino, written asynchronously) may trail the terminal banner: wait for its ready line too.
    await untilLogged(gateway, 'call assist ready');
    const printed = gateway.output.join('');
    const password = /password: (\S+)/.exec(printed)?.[1];
    expect(printed).toContain('email:    admin@localhost');
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const baseUrl = `http://127.0.0.1:${env.PORT}`;
    const admin = await login(baseUrl, { email: 'admin@localhost', password: password! });
    expect(admin.user.role).toBe('admin');
    // Only the one terminal line has it: no JSON log line does.
    const jsonLines = printed.split('\n').filter((line) => line.startsWith('{'));
    expect(jsonLines.length).toBeGreaterThan(0);
    expect(jsonLines.join('\n')).not.toContain(password);
    await stop(gateway);

    gateway = await startService('gateway', 'main', env, 'Call Assist is running');
    expect(gateway.output.join('')).not.toContain('password:');
    expect((await login(baseUrl, { email: 'admin@localhost', password: password! })).user.email).toBe('admin@localhost');
  }, 120_000);
});
