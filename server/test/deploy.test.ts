import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_KEYS, loadConfig } from '../src/config.js';
import { freePort } from '../src/lib/free-port.js';
import { prepareNginx, startNginx, testNginxConfig, type RunningNginx } from './helpers/nginx.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: { target: string };
  command?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string; required: boolean }[];
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: string; resources?: { reservations: { devices: { capabilities: string[] }[] } } };
  healthcheck?: { test: string[] };
  container_name?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}
const compose = (file: string) => parse(read(file), { merge: true }) as Compose;

/** `.env.example` as compose reads it: the uncommented `KEY=value` lines. */
function envExample(): Record<string, string> {
  const entries = read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}` against a set of variables. */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const value = variables[name];
    if (value !== undefined && value !== '') return value;
    if (kind === '?') throw new Error(`compose would stop: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

describe('docker-compose.yml', () => {
  const { services, volumes } = compose('docker-compose.yml');

  it('has the services of a deployment, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'nginx', 'postgres', 'redis', 'whisperlive', 'worker']);
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test?.[0], name).toBe('CMD');
  });

  it('runs gateways and workers from one image, by command, on the shared recordings volume', () => {
    const { gateway, worker } = services;
    for (const app of [gateway!, worker!]) {
      expect(app.build?.target).toBe('runtime');
      expect(app.image).toBe('call-assist:latest');
      expect(app.volumes).toEqual(['recordings:/data']);
      expect(app.environment).toMatchObject({ DATA_DIR: '/data', REDIS_URL: 'redis://redis:6379' });
      expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/callassist:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/callassist$/);
      expect(app.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      expect(app.env_file).toEqual([{ path: '.env', required: false }]);
    }
    expect(gateway!.command).toEqual(['node', '--import', 'tsx', 'server/src/main.ts']);
    expect(worker!.command).toEqual(['node', '--import', 'tsx', 'server/src/worker.ts']);
    // Scalable: replicas from .env, no fixed name or host port, jobs left to the workers.
    expect(gateway!.deploy?.replicas).toBe('${GATEWAY_REPLICAS:-2}');
    expect(worker!.deploy?.replicas).toBe('${WORKER_REPLICAS:-1}');
    for (const app of [gateway!, worker!]) expect(app.container_name ?? app.ports).toBeUndefined();
    expect(gateway!.environment).toMatchObject({ ANALYSIS_CONCURRENCY: '0', IMPORT_CONCURRENCY: '0' });
  });

  it('keeps PostgreSQL data and recordings in named volumes', () => {
    expect(Object.keys(volumes).sort()).toEqual(['postgres-data', 'recordings', 'whisperlive-cache']);
    expect(services.postgres!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
  });

  it('publishes only nginx, which waits for a healthy gateway and follows UPLOAD_MAX_BYTES', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports).map(([name]) => name);
    expect(published).toEqual(['nginx']);
    expect(services.nginx!.build?.target).toBe('web');
    expect(services.nginx!.depends_on).toEqual({ gateway: { condition: 'service_healthy' } });
    expect(services.nginx!.environment).toEqual({ UPLOAD_MAX_BYTES: '${UPLOAD_MAX_BYTES:-524288000}' });
  });

  it('offers WhisperLive on GPU hosts only, under a profile', () => {
    const whisperlive = services.whisperlive!;
    expect(whisperlive.profiles).toEqual(['gpu']);
    expect(whisperlive.image).toBe('ghcr.io/collabora/whisperlive-gpu:latest');
    expect(whisperlive.command?.slice(0, 4)).toEqual(['python', 'run_server.py', '--port', '9090']);
    expect(whisperlive.deploy?.resources?.reservations.devices[0]?.capabilities).toEqual(['gpu']);
    // Nothing depends on it: without the profile the rest still starts.
    for (const service of Object.values(services)) expect(Object.keys(service.depends_on ?? {})).not.toContain('whisperlive');
  });

  it('refuses to start until the secrets are set, then gives the app a configuration that loads', () => {
    expect(() => interpolate(services.postgres!.environment!.POSTGRES_PASSWORD!, envExample())).toThrow(/POSTGRES_PASSWORD/);
    expect(() => interpolate(services.gateway!.environment!.CALL_TOKEN_SECRET!, envExample())).toThrow(/CALL_TOKEN_SECRET/);
    const env = { ...envExample(), POSTGRES_PASSWORD: 'pg-secret', CALL_TOKEN_SECRET: 'c'.repeat(64) };
    for (const name of ['gateway', 'worker'] as const) {
      const environment = Object.fromEntries(Object.entries(services[name]!.environment!).map(([key, value]) => [key, interpolate(value, env)]));
      // Compose: `environment` over the env file.
      const config = loadConfig({ ...env, ...environment });
      expect(config).toMatchObject({ DATABASE_URL: 'postgres://callassist:pg-secret@postgres:5432/callassist', HOST: '0.0.0.0', METRICS_PORT: 9464, CALL_TOKEN_SECRET: 'c'.repeat(64) });
    }
  });

  it('has a TLS override that runs nginx-tls.conf with the certificates mounted', () => {
    const tls = compose('docker-compose.tls.yml').services.nginx!;
    expect(tls.command).toContain('/etc/nginx/nginx-tls.conf');
    expect(tls.volumes).toContain('./certs:/etc/nginx/certs:ro');
  });

  const composeClient = [['docker', 'compose'], ['docker-compose']].find(([command, ...args]) => spawnSync(command!, [...args, 'version']).status === 0);
  it.skipIf(!composeClient)('passes `docker compose config`', async () => {
    const [command, ...args] = composeClient!;
    const env = { ...process.env, POSTGRES_PASSWORD: 'x', CALL_TOKEN_SECRET: 'y'.repeat(32) };
    await run(command!, [...args, '-f', 'docker-compose.yml', '-f', 'docker-compose.tls.yml', '--profile', 'gpu', 'config', '--quiet'], { cwd: ROOT, env });
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds a runtime image on node:20-bookworm-slim with the speech and audio packages, and a web image', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'), dockerfile.indexOf('AS web'));
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends pocketsphinx pocketsphinx-en-us ffmpeg/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^FROM nginx:[\w.-]+ AS web$/m);
    expect(dockerfile).toMatch(/RUN npm ci/);
  });

  it('copies only files that exist', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?:--chmod=\S+ )?(?!--from)(\S+) /gm)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
  });
});

describe('.env.example', () => {
  const text = read('.env.example');
  const documented = [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

  it('documents every setting of server/src/config.ts', () => {
    expect(CONFIG_KEYS.filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('names nothing that is neither a setting nor used by the compose files', () => {
    const composeFiles = read('docker-compose.yml') + read('docker-compose.tls.yml');
    const unknown = documented.filter((key) => !CONFIG_KEYS.includes(key) && !composeFiles.includes(`\${${key}`));
    expect(unknown).toEqual([]);
  });
});

describe('nginx configuration (Debian nginx)', () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'nginx-config-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const site = async () => ({ gateways: ['127.0.0.1:18080', '127.0.0.1:18081'], httpPort: await freePort(), clientRoot: work, uploadMaxBytes: 524_288_000 });

  it('nginx.conf passes nginx -t', async () => {
    const result = await testNginxConfig(await prepareNginx('nginx.conf', await site(), path.join(work, 'plain')));
    expect(result.output).toMatch(/test is successful/);
    expect(result.ok).toBe(true);
  });

  it('nginx-tls.conf passes nginx -t with a certificate in place', async () => {
    const certDir = path.join(work, 'certs');
    await mkdir(certDir);
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(certDir, 'privkey.pem'), '-out', path.join(certDir, 'fullchain.pem')]);
    const prefix = await prepareNginx('nginx-tls.conf', { ...(await site()), httpsPort: await freePort(), certDir, acmeRoot: work }, path.join(work, 'tls'));
    const result = await testNginxConfig(prefix);
    expect(result.output).toMatch(/test is successful/);
    expect(result.ok).toBe(true);
  });
});

/** A stand-in gateway that says who it is, for checking where nginx sends each request. */
async function nameServer(name: string, options: { healthStatus?: number } = {}) {
  const server = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      const status = req.url === '/healthz' ? (options.healthStatus ?? 200) : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ name, url: req.url, bytes }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('nginx routing to several gateways', () => {
  const UPLOAD_MAX_BYTES = 64 * 1024;
  let a: Awaited<ReturnType<typeof nameServer>>;
  let b: Awaited<ReturnType<typeof nameServer>>;
  let clientRoot: string;
  let nginx: RunningNginx;

  beforeAll(async () => {
    // Gateway A is shutting down: its /healthz answers 503.
    a = await nameServer('A', { healthStatus: 503 });
    b = await nameServer('B');
    clientRoot = await mkdtemp(path.join(os.tmpdir(), 'nginx-routing-'));
    nginx = await startNginx({ gateways: [a.address, b.address], clientRoot, uploadMaxBytes: UPLOAD_MAX_BYTES });
  });
  afterAll(async () => {
    await nginx?.close();
    await Promise.all([a?.close(), b?.close()]);
    await rm(clientRoot, { recursive: true, force: true });
  });

  const request = (route: string, options: { method?: string; body?: Buffer; localAddress?: string } = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${nginx.url}${route}`, { method: options.method ?? 'GET', localAddress: options.localAddress, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(options.body);
    });
  const servedBy = async (route: string) => (JSON.parse((await request(route)).body) as { name: string }).name;

  it('sends every socket of a call (rep, reconnects, watchers) to the same gateway, and spreads calls', async () => {
    const owners = new Map<string, Set<string>>();
    for (let round = 0; round < 3; round++) {
      for (let call = 0; call < 20; call++) {
        const id = `00000000-0000-4000-8000-${String(call).padStart(12, '0')}`;
        const seen = owners.get(id) ?? new Set();
        seen.add(await servedBy(`/ws/calls/${id}?token=t${round}`));
        seen.add(await servedBy(`/ws/calls/${id}/watch?token=w${round}`));
        owners.set(id, seen);
      }
    }
    expect([...owners.values()].filter((gateways) => gateways.size > 1)).toEqual([]);
    expect(new Set([...owners.values()].map((gateways) => [...gateways][0]))).toEqual(new Set(['A', 'B']));
  });

  it('balances API requests over the gateways', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 6; i++) names.add(await servedBy('/api/talking-points'));
    expect(names).toEqual(new Set(['A', 'B']));
  });

  it('answers /healthz from a gateway that is up while another one is shutting down (503)', async () => {
    for (let i = 0; i < 6; i++) expect(await request('/healthz')).toMatchObject({ status: 200 });
  });

  it('streams uploads up to UPLOAD_MAX_BYTES (+ multipart framing) to a gateway and refuses bigger bodies itself', async () => {
    const accepted = await request('/api/calls', { method: 'POST', body: Buffer.alloc(UPLOAD_MAX_BYTES + 512 * 1024) });
    expect(JSON.parse(accepted.body)).toMatchObject({ bytes: UPLOAD_MAX_BYTES + 512 * 1024 });
    expect((await request('/api/calls', { method: 'POST', body: Buffer.alloc(UPLOAD_MAX_BYTES + 2 * 1024 * 1024) })).status).toBe(413);
    // Other API bodies stay small.
    expect((await request('/api/talking-points', { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024) })).status).toBe(413);
  });

  it('lets /metrics through from private addresses only', async () => {
    expect((await request('/metrics')).status).toBe(200);
    // 127.0.0.2 is loopback too, but not on the allow list: it stands for any public address.
    expect((await request('/metrics', { localAddress: '127.0.0.2' })).status).toBe(403);
  });
});
