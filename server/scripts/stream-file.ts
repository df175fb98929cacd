/**
 * `npm run stream -- <audio file> [--url http://127.0.0.1:8080] [--fast] [--email you@example.com]`
 * Streams any audio file ffmpeg can read into a running Call Assist as a live call (real-time pace,
 * or 1.4× with --fast), printing the live transcript and the cards with their latency. Logs in first
 * as CALL_ASSIST_EMAIL / CALL_ASSIST_PASSWORD (or --email / --password), and out at the end.
 */
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import WebSocket from 'ws';
import { CSRF_HEADER, PROTOCOL_VERSION, SESSION_COOKIE, type ApiError, type AuthSession, type LiveCallCreated, type ServerMessage } from '@call-assist/shared';

const USAGE = `usage: npm run stream -- <audio file> [--url http://127.0.0.1:8080] [--fast] [--email <email>] [--password <password>]
  Logs in as CALL_ASSIST_EMAIL / CALL_ASSIST_PASSWORD from the environment (or the flags; a password
  given as a flag shows in the process list and the shell history).`;

// A client of the server, not the server: its own login, which server/src/config.ts knows nothing of.
// eslint-disable-next-line no-restricted-syntax
const { CALL_ASSIST_EMAIL, CALL_ASSIST_PASSWORD } = process.env;

let options: { file: string; baseUrl: string; fast: boolean; email: string | undefined; password: string | undefined };
try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { url: { type: 'string' }, fast: { type: 'boolean' }, email: { type: 'string' }, password: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error('give one audio file');
  options = {
    file: positionals[0]!,
    baseUrl: (values.url ?? 'http://127.0.0.1:8080').replace(/\/+$/, ''),
    fast: values.fast ?? false,
    email: values.email ?? CALL_ASSIST_EMAIL,
    password: values.password ?? CALL_ASSIST_PASSWORD,
  };
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { file, baseUrl, fast, email, password } = options;
if (!email || !password) {
  console.error(`the server wants a login: set CALL_ASSIST_EMAIL and CALL_ASSIST_PASSWORD (any user may stream a call)\n${USAGE}`);
  process.exit(2);
}

const { stdout: pcm } = await promisify(execFile)(
  'ffmpeg',
  ['-loglevel', 'error', '-i', file, '-f', 's16le', '-acodec', 'pcm_s16le', '-ac', '1', '-ar', '16000', 'pipe:1'],
  { encoding: 'buffer', maxBuffer: 1 << 30 },
);
if (pcm.length === 0) throw new Error(`ffmpeg decoded no audio from ${file}`);

/** What every request after the login sends: the session cookie, and the CSRF token state changes need. */
interface Session {
  headers: Record<string, string>;
}

/** The server's error answer in one line: `401 wrong email or password`, with Retry-After on a 429. */
async function describeFailure(response: Response): Promise<string> {
  const text = await response.text();
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as ApiError).error.message;
  } catch {
    // Not our JSON (a proxy's page): the text as it is.
  }
  const retryAfter = response.headers.get('retry-after');
  const wait = response.status === 429 && retryAfter && !message.includes(`${retryAfter} s`) ? ` (retry after ${retryAfter} s)` : '';
  return `${response.status} ${message}${wait}`;
}

async function logIn(): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  }).catch((error: Error) => {
    console.error(`cannot reach ${baseUrl}: ${error.cause instanceof Error ? error.cause.message : error.message} (is the server running? --url names another)`);
    process.exit(1);
  });
  if (!response.ok) {
    console.error(`login as ${email} failed: ${await describeFailure(response)}`);
    process.exit(1);
  }
  const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]!).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`POST /api/auth/login answered without a ${SESSION_COOKIE} cookie`);
  const { csrfToken } = (await response.json()) as AuthSession;
  return { headers: { cookie, [CSRF_HEADER]: csrfToken } };
}

/** Ends the session rather than leaving it to expire; a failure here changes nothing for the call. */
async function logOut(session: Session): Promise<void> {
  await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: session.headers }).catch(() => undefined);
}

const session = await logIn();
const response = await fetch(`${baseUrl}/api/live-calls`, { method: 'POST', headers: session.headers });
if (!response.ok) {
  console.error(`POST /api/live-calls failed: ${await describeFailure(response)}`);
  await logOut(session);
  process.exit(1);
}
const call = (await response.json()) as LiveCallCreated;
const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
const frameBytes = 3_200;
// --fast stays under the gateway's limit of 1.5× real time.
const frameIntervalMs = fast ? 100 / 1.4 : 100;
let started = 0;

ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, sampleRate: 16_000, encoding: 'pcm16', channels: 1 })));
ws.on('message', async (data) => {
  const message = JSON.parse(data.toString()) as ServerMessage;
  switch (message.type) {
    case 'ready':
      console.log(`call ${call.callId} streaming ${(pcm.length / 32_000).toFixed(1)} s of audio to the ${message.provider} engine`);
      started = performance.now();
      for (let offset = 0, frame = 0; offset < pcm.length; offset += frameBytes, frame++) {
        const wait = started + frame * frameIntervalMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        ws.send(pcm.subarray(offset, Math.min(offset + frameBytes, pcm.length)));
      }
      ws.send(JSON.stringify({ type: 'end' }));
      return;
    case 'transcript.partial':
      process.stdout.write(`\r\x1b[2K  … ${message.text.slice(-100)}`);
      return;
    case 'transcript.final':
      process.stdout.write(`\r\x1b[2K${fmt(message.startMs)} ${message.text}\n`);
      return;
    case 'card':
      process.stdout.write(`\r\x1b[2K  ▶ CARD "${message.title}" (heard "${message.phrase}" at ${fmt(message.audioMs)}; ${message.audioToCardMs} ms after its audio arrived)\n`);
      return;
    case 'error':
    case 'status':
      process.stdout.write(`\r\x1b[2K  [${message.type}] ${message.message}\n`);
      return;
    case 'call.ended':
      console.log('call ended');
      return;
  }
});
// A refused upgrade (401 without a token, a proxy's 502) arrives here, then `close` with 1006.
ws.on('error', (error) => console.error(`socket error: ${error.message}`));
ws.on('close', async (code, reason) => {
  console.log(`socket closed ${code} ${reason.toString()}`);
  await logOut(session);
  process.exit(code === 1000 ? 0 : 1);
});

function fmt(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `[${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}]`;
}
