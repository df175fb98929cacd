import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_ADMIN } from './test-app.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface Service {
  name: string;
  process: ChildProcess;
  /** Everything it printed (stdout and stderr, pino JSON lines among it). */
  output: string[];
  exited: Promise<number | null>;
  port?: number;
}

/**
 * A gateway (`server/src/main.ts`) or worker (`server/src/worker.ts`) as its own OS process, as in
 * production, so SIGKILL and SIGTERM really reach it. Resolves once it printed `readyText`.
 */
export async function startService(name: string, entry: 'main' | 'worker', env: Record<string, string>, readyText: string): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', `server/src/${entry}.ts`], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Both pipes are read: a child blocked on a full pipe would look like a hang.
  child.stderr!.on('data', (data: Buffer) => output.push(data.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      output.push(data.toString());
      if (output.join('').includes(readyText)) resolve();
    });
    void exited.then((code) => reject(new Error(`${name} exited with ${code}: ${output.join('').slice(-2000)}`)));
  });
  return { name, process: child, output, exited, ...(env.PORT && { port: Number(env.PORT) }) };
}

/** Resolves once the service has logged `message` `count` times (read as its output arrives). */
export function untilLogged(service: Service, message: string, count = 1): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (logLines(service, message).length < count) return false;
      service.process.stdout!.off('data', onData);
      resolve();
      return true;
    };
    // Runs after the service's own listener has added the chunk to `output`.
    const onData = () => void check();
    if (check()) return;
    service.process.stdout!.on('data', onData);
    void service.exited.then((code) => reject(new Error(`${service.name} exited with ${code} before logging "${message}"`)));
  });
}

/** The service's log lines with this message, parsed. */
export function logLines(service: Service, message: string): Record<string, unknown>[] {
  const text = service.output.join('');
  // Whole lines only: the output may end in the middle of one.
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line.includes(`"msg":"${message}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** `npm run worker` as its own process. */
export const startWorker = (env: Record<string, string>, name = 'worker') => startService(name, 'worker', env, 'worker ready');

/**
 * A gateway process's first admin is TEST_ADMIN, as in `startTestApp`, so a test logs in with
 * `login(url, TEST_ADMIN)`; every test logs in from 127.0.0.1, so the per-address limit is lifted.
 */
export const TEST_ADMIN_ENV = {
  ADMIN_EMAIL: TEST_ADMIN.email,
  ADMIN_PASSWORD: TEST_ADMIN.password,
  LOGIN_ATTEMPTS_PER_MIN: '1000',
} as const;
