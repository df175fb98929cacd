// Builds the web client (client/dist) when it is missing or older than its sources, so `npm start`
// and the browser tests serve what the code says. Plain Node, no dependencies: ensure-deps imports it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(clientDir, '..');
const builtMarker = path.join(clientDir, 'dist', 'index.html');

/** What the bundle is made of: the client's sources and config, and shared/ (bundled into it). */
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json', '../shared/src'].map((p) => path.join(clientDir, p));

function newestMtimeMs(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtimeMs(path.join(target, entry)));
  return newest;
}

/** True when client/dist is missing or any source changed after it was built. */
export function clientBuildIsStale() {
  if (!existsSync(builtMarker)) return true;
  const builtAt = statSync(builtMarker).mtimeMs;
  return SOURCES.some((source) => newestMtimeMs(source) > builtAt);
}

/** Runs `vite build` for the client; throws with vite's output when it fails. */
export function buildClient({ quiet = false } = {}) {
  const vite = path.join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', quiet ? 'error' : 'warn'], {
    cwd: clientDir,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
  });
  if (result.status !== 0) throw new Error(`building the web client failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
}

/** Builds the client if it is stale; returns whether it built. */
export function ensureClientBuilt(options) {
  if (!clientBuildIsStale()) return false;
  buildClient(options);
  return true;
}
