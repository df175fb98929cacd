/**
 * `npm run stream -- <audio file> [--url http://127.0.0.1:8080] [--fast]`
 * Streams any audio file ffmpeg can read into a running Call Assist as a live call (real-time pace,
 * or 1.4× with --fast), printing the live transcript and the cards with their latency.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type LiveCallCreated, type ServerMessage } from '@call-assist/shared';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
const urlIndex = args.indexOf('--url');
const baseUrl = urlIndex >= 0 ? args[urlIndex + 1]! : 'http://127.0.0.1:8080';
const fast = args.includes('--fast');
if (!file) {
  console.error('usage: npm run stream -- <audio file> [--url http://127.0.0.1:8080] [--fast]');
  process.exit(2);
}

const { stdout: pcm } = await promisify(execFile)(
  'ffmpeg',
  ['-loglevel', 'error', '-i', file, '-f', 's16le', '-acodec', 'pcm_s16le', '-ac', '1', '-ar', '16000', 'pipe:1'],
  { encoding: 'buffer', maxBuffer: 1 << 30 },
);
if (pcm.length === 0) throw new Error(`ffmpeg decoded no audio from ${file}`);

const response = await fetch(`${baseUrl}/api/live-calls`, { method: 'POST' });
if (!response.ok) throw new Error(`POST /api/live-calls: ${response.status} ${await response.text()}`);
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
ws.on('close', (code, reason) => {
  console.log(`socket closed ${code} ${reason.toString()}`);
  process.exit(code === 1000 ? 0 : 1);
});

function fmt(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `[${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}]`;
}
