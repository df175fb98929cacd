#!/usr/bin/env node
// Installs what `npm start`, `npm test` or `npm run bench` need and is missing: npm packages, and the
// Debian packages for local speech, audio and test speech (when run as root; otherwise it names
// them). Plain Node with no dependencies, since it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'start';

/** Debian packages per command. libpocketsphinx3 comes with pocketsphinx. */
const DEBIAN_PACKAGES = {
  start: ['pocketsphinx', 'pocketsphinx-en-us', 'ffmpeg'],
  // chromium: the browser tests drive it headless through playwright-core. nginx (+ openssl for a
  // test certificate): the deployment's nginx configuration is tested with Debian's nginx, run as
  // the tests' own child process (on a host with systemd, installing it also starts the packaged
  // site on port 80: `systemctl disable --now nginx` if unwanted).
  test: ['pocketsphinx', 'pocketsphinx-en-us', 'ffmpeg', 'flite', 'chromium', 'nginx', 'openssl'],
  bench: ['pocketsphinx', 'pocketsphinx-en-us', 'flite', 'ffmpeg'],
};

/** Node ABIs uWebSockets.js ships binaries for (Node 16, 18, 20). */
const SUPPORTED_NODE_ABIS = ['93', '108', '115'];

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function checkNode() {
  if (!SUPPORTED_NODE_ABIS.includes(process.versions.modules)) {
    fail(`Node ${process.version} is not supported: uWebSockets.js ships binaries for Node 16, 18 and 20. Use Node 20.`);
  }
}

function installedDebianPackages(names) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\\n', ...names], { encoding: 'utf8' });
  if (result.error) return undefined; // not a Debian system
  return new Set(
    result.stdout
      .split('\n')
      .filter((line) => line.endsWith(' installed'))
      .map((line) => line.split(' ')[0]),
  );
}

function ensureDebianPackages() {
  const wanted = DEBIAN_PACKAGES[mode] ?? DEBIAN_PACKAGES.start;
  const installed = installedDebianPackages(wanted);
  if (!installed) {
    console.warn(`Not a Debian system: make sure these are installed: ${wanted.join(', ')}`);
    return;
  }
  const missing = wanted.filter((name) => !installed.has(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    fail(`Missing Debian packages: ${missing.join(', ')}.\nInstall them with:  sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`Installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  // A fresh machine has no package lists yet; update only when the first attempt needs it.
  if (install().status !== 0) {
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    if (install().status !== 0) fail(`apt-get could not install: ${missing.join(', ')}`);
  }
}

function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  const command = existsSync(path.join(root, 'node_modules')) ? ['install', '--no-audit', '--no-fund'] : ['ci', '--no-audit', '--no-fund'];
  console.log(`Installing npm packages (npm ${command[0]})`);
  const result = spawnSync('npm', command, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`npm ${command[0]} failed`);
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Integration tests use the machine's PostgreSQL and Redis (TEST_DATABASE_URL / TEST_REDIS_URL). */
async function checkTestServices() {
  const services = [
    ['PostgreSQL', process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432', "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"],
    ['Redis', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'],
  ];
  for (const [name, url, startCommand] of services) {
    const { hostname, port } = new URL(url);
    if (!(await reachable(hostname, Number(port)))) {
      fail(`${name} is not reachable at ${hostname}:${port}; the integration tests need it.\nStart it (as root) with:  ${startCommand}`);
    }
  }
}

checkNode();
ensureDebianPackages();
ensureNodeModules();
if (mode === 'test') await checkTestServices();
if (mode === 'start') {
  // The gateway serves client/dist: build it when missing or older than the client's sources.
  const { ensureClientBuilt } = await import('../client/scripts/build-if-stale.mjs');
  try {
    if (ensureClientBuilt()) console.log('Built the web client (client/dist)');
  } catch (error) {
    fail(error.message);
  }
}
