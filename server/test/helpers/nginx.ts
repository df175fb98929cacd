import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../src/lib/free-port.js';

const run = promisify(execFile);

/** The deployment's nginx files (nginx/ at the repository root), run here as they are. */
export const NGINX_DIR = fileURLToPath(new URL('../../../nginx', import.meta.url));

export interface NginxSite {
  /** `host:port` of every gateway, in place of the compose service name `gateway:8080`. */
  gateways: string[];
  /** Replaces `listen 80`. */
  httpPort: number;
  /** Replaces `listen 443 ssl` (TLS variant). */
  httpsPort?: number;
  /** Replaces the image's static root, /usr/share/nginx/html. */
  clientRoot: string;
  /** Replaces /etc/nginx/certs (TLS variant). */
  certDir?: string;
  /** Replaces /var/www/certbot (TLS variant). */
  acmeRoot?: string;
  /** UPLOAD_MAX_BYTES, turned into nginx's limit by the image's own script (10-upload-limit.envsh). */
  uploadMaxBytes: number;
}

/** What the nginx image's entrypoint computes from UPLOAD_MAX_BYTES, computed by the same script. */
async function uploadBodyLimit(uploadMaxBytes: number): Promise<string> {
  const { stdout } = await run('sh', ['-c', `. "${path.join(NGINX_DIR, '10-upload-limit.envsh')}" && printf %s "$NGINX_UPLOAD_MAX_BODY_BYTES"`], {
    env: { PATH: process.env.PATH, UPLOAD_MAX_BYTES: String(uploadMaxBytes) },
  });
  return stdout;
}

/**
 * One of nginx/*.conf with only addresses, ports and paths changed. Each substitution must match
 * (a renamed directive fails here instead of testing a different configuration), and no template
 * variable may be left.
 */
export function renderNginxFile(file: string, site: NginxSite, uploadBodyBytes: string): string {
  let text = readFileSync(path.join(NGINX_DIR, file), 'utf8');
  const replace = (pattern: RegExp, by: (groups: (string | undefined)[]) => string, required: boolean) => {
    const everywhere = new RegExp(pattern.source, 'gm');
    if (required && !everywhere.test(text)) throw new Error(`${file}: expected ${pattern} to render the test configuration`);
    text = text.replace(everywhere, (...args: unknown[]) => by(args.slice(0, -2) as (string | undefined)[]));
  };
  const isUpstreams = /^upstream\s/m.test(text);
  replace(/^(\s*)server gateway:8080( [^;]*)?;$/, ([, indent, params]) => site.gateways.map((g) => `${indent}server ${g}${params ?? ''};`).join('\n'), isUpstreams);
  replace(/^(\s*)listen 80;$/, ([, indent]) => `${indent}listen 127.0.0.1:${site.httpPort};`, file.startsWith('nginx'));
  const isTls = file === 'nginx-tls.conf';
  if (site.httpsPort !== undefined) replace(/^(\s*)listen 443 ssl;$/, ([, indent]) => `${indent}listen 127.0.0.1:${site.httpsPort} ssl;`, isTls);
  replace(/root \/usr\/share\/nginx\/html;/, () => `root ${site.clientRoot};`, file === 'locations.conf');
  if (site.certDir) replace(/\/etc\/nginx\/certs\//, () => `${site.certDir}/`, isTls);
  if (site.acmeRoot) replace(/root \/var\/www\/certbot;/, () => `root ${site.acmeRoot};`, isTls);
  text = text.replaceAll('${NGINX_UPLOAD_MAX_BODY_BYTES}', uploadBodyBytes);
  if (/\$\{|gateway:8080/.test(text)) throw new Error(`${file}: left unrendered: ${/\$\{[^}]*\}|gateway:8080/.exec(text)?.[0]}`);
  return text;
}

export interface NginxPrefix {
  dir: string;
  /** The main file to run (`nginx -c`). */
  conf: string;
  /** `-g` directives: process-level settings that the compose image passes on its command line too. */
  globals: string;
  errorLog: string;
}

/** A temporary nginx prefix holding the rendered files, as `nginx -p` wants it. */
export async function prepareNginx(main: 'nginx.conf' | 'nginx-tls.conf', site: NginxSite, dir?: string): Promise<NginxPrefix> {
  const prefix = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'nginx-test-')));
  await mkdir(prefix, { recursive: true });
  // Workers run as an unprivileged user when the tests run as root: they must reach the prefix.
  await chmod(prefix, 0o755);
  await mkdir(path.join(prefix, 'temp'), { recursive: true });
  const limit = await uploadBodyLimit(site.uploadMaxBytes);
  for (const file of [main, 'gateways.conf', 'locations.conf']) await writeFile(path.join(prefix, file), renderNginxFile(file, site, limit));
  const errorLog = path.join(prefix, 'error.log');
  return { dir: prefix, conf: path.join(prefix, main), globals: `pid ${path.join(prefix, 'nginx.pid')}; error_log ${errorLog} info;`, errorLog };
}

const nginxArgs = (prefix: NginxPrefix, globals = '') => ['-p', `${prefix.dir}/`, '-c', prefix.conf, '-g', `${prefix.globals} ${globals}`.trim()];

/**
 * `nginx -t`: whether it passed and what it printed (on stderr). stdout is /dev/null, not a pipe:
 * the configuration logs access to /dev/stdout, which cannot be opened on a socket pair.
 */
export function testNginxConfig(prefix: NginxPrefix): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('nginx', ['-t', ...nginxArgs(prefix)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ok: code === 0, output }));
  });
}


function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export interface RunningNginx {
  url: string;
  wsUrl: string;
  prefix: NginxPrefix;
  errorLog(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Debian's nginx as a foreground child process (master + workers) with the deployment's
 * configuration, listening on a free port of 127.0.0.1 in front of the given gateways.
 */
export async function startNginx(site: Omit<NginxSite, 'httpPort'>): Promise<RunningNginx> {
  const httpPort = await freePort();
  const prefix = await prepareNginx('nginx.conf', { ...site, httpPort });
  const child: ChildProcess = spawn('nginx', nginxArgs(prefix, 'daemon off;'), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const errorLog = () => readFile(prefix.errorLog, 'utf8').catch(() => '');
  const cleanUp = async () => {
    if (running) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(prefix.dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepting(httpPort))) {
    if (!running || Date.now() > deadline) {
      const log = await errorLog();
      await cleanUp();
      throw new Error(`nginx did not start:\n${stderr}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `http://127.0.0.1:${httpPort}`, wsUrl: `ws://127.0.0.1:${httpPort}`, prefix, errorLog, close: cleanUp };
}
