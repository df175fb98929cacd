import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineConnection, SpeechEngine } from '../../src/stt/speech-engine.js';
import type { TranscriptEvent } from '../../src/stt/streaming-transcriber.js';

const silent = pino({ level: 'silent' });

export interface WhisperLiveFaults {
  /** Answer WAIT (server full) to every client. */
  full?: boolean;
  /** Delay before SERVER_READY (model loading). */
  readyDelayMs?: number;
  /**
   * Send DISCONNECT this long after SERVER_READY: the node's session time limit, which is wall-clock
   * time like the real server's `max_connection_time`.
   */
  disconnectAfterMs?: number;
  /** Drop the TCP connection without a word after this much audio. */
  dropAfterAudioMs?: number;
  /** The same, for the next session that gets this much audio only (the fault then clears itself). */
  dropOnceAfterAudioMs?: number;
  /** Drop the connection after this much audio and be down from then on (`refuse`). */
  dieAfterAudioMs?: number;
  /** Down: refuse every handshake with HTTP 503. */
  refuse?: boolean;
  /** Hung: accept the connection and the config, never say SERVER_READY. */
  hang?: boolean;
  /** Send only `{text}` segments, like the tensorrt backend. */
  textOnly?: boolean;
}

export interface FakeWhisperLive {
  url: string;
  /** The faults in force; change them to change the node's behaviour for new connections. */
  faults: WhisperLiveFaults;
  /** Sessions that received SERVER_READY. */
  sessions: number;
  /** `session` each time a session gets SERVER_READY, `session-end` when such a session's socket closed. */
  events: EventEmitter;
  /** Config messages received, for assertions on what the client asked for. */
  configs: Record<string, unknown>[];
  close(): Promise<void>;
}

interface Segment {
  start: number;
  end: number;
  text: string;
}

/**
 * How long a client of the fake node waits at the end of a stream. A real node re-sends its
 * segments on every pass while it still has audio to transcribe, so a short quiet means it is done;
 * this one is PocketSphinx on the test machine's shared cores and can fall seconds behind, silent,
 * while the rest of the suite runs — also before SERVER_READY, when its decoder thread is still busy
 * with a previous session's audio. Waiting longer keeps the tests about the protocol, not the CPU.
 */
export const FAKE_NODE_PATIENCE = { trailingQuietMs: 4_000, trailingMaxMs: 30_000, readyTimeoutMs: 20_000 } as const;

/**
 * A WhisperLive node speaking the real protocol (first JSON config, SERVER_READY, float32 or int16
 * binary audio, snapshot `segments` messages with string times, END_OF_AUDIO, WAIT, DISCONNECT),
 * recognising the audio with the local PocketSphinx engine.
 */
export async function startFakeWhisperLive(engine: SpeechEngine, options: { apiKey?: string; faults?: WhisperLiveFaults } = {}): Promise<FakeWhisperLive> {
  const faults = options.faults ?? {};
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info, callback) => {
      if (faults.refuse) return callback(false, 503, 'Service Unavailable');
      if (!options.apiKey) return callback(true);
      const token = new URL(info.req.url ?? '/', 'http://x').searchParams.get('token');
      callback(info.req.headers.authorization === `Bearer ${options.apiKey}` || token === options.apiKey, 401, 'Unauthorized');
    },
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const fake: FakeWhisperLive = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    faults,
    sessions: 0,
    events: new EventEmitter(),
    configs: [],
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => serveSession(socket, engine, faults, fake));
  return fake;
}

function serveSession(socket: WebSocket, engine: SpeechEngine, faults: WhisperLiveFaults, fake: FakeWhisperLive): void {
  let uid = '';
  let int16 = false;
  let stream: EngineConnection | undefined;
  let audioMs = 0;
  const completed: Segment[] = [];
  let current: Segment | undefined;
  const send = (message: object) => socket.readyState === socket.OPEN && socket.send(JSON.stringify({ uid, ...message }));

  const sendSnapshot = () => {
    const segments = [...completed.slice(-10).map((s) => ({ ...s, completed: true })), ...(current ? [{ ...current, completed: false }] : [])];
    send({
      segments: segments.map((s) =>
        faults.textOnly ? { text: ` ${s.text}` } : { start: (s.start / 1000).toFixed(3), end: (s.end / 1000).toFixed(3), text: ` ${s.text}`, completed: s.completed },
      ),
    });
  };
  const onTranscript = (event: TranscriptEvent) => {
    if (event.kind === 'final') {
      completed.push({ start: event.startMs, end: event.endMs, text: event.text });
      current = undefined;
    } else {
      current = event.text === '' ? undefined : { start: event.startMs, end: event.endMs, text: event.text };
    }
    sendSnapshot();
  };

  socket.on('message', async (data, isBinary) => {
    if (!isBinary) {
      const config = JSON.parse(data.toString()) as { uid: string; audio_format?: string };
      uid = config.uid;
      int16 = config.audio_format === 'int16';
      fake.configs.push(config);
      if (faults.full) {
        send({ status: 'WAIT', message: 0.5 });
        return socket.close();
      }
      if (faults.hang) return;
      stream = await engine.connect({ sampleRateHz: 16_000, channels: 1, keyterms: [], logger: silent, onTranscript, onClosed: () => socket.terminate() });
      if (faults.readyDelayMs) await new Promise((resolve) => setTimeout(resolve, faults.readyDelayMs));
      fake.sessions++;
      fake.events.emit('session');
      socket.once('close', () => fake.events.emit('session-end'));
      if (faults.disconnectAfterMs !== undefined) {
        const limit = setTimeout(() => {
          // Like the real server: what it has not transcribed yet is dropped with the session.
          stream?.close();
          stream = undefined;
          send({ message: 'DISCONNECT' });
          socket.close();
        }, faults.disconnectAfterMs);
        socket.once('close', () => clearTimeout(limit));
      }
      return send({ message: 'SERVER_READY', backend: faults.textOnly ? 'tensorrt' : 'faster_whisper' });
    }
    const bytes = data as Buffer;
    if (bytes.length === 12 && bytes.toString('ascii') === 'END_OF_AUDIO') {
      // Like the real server: close without transcribing what is still buffered.
      stream?.close();
      return socket.close();
    }
    const samples = int16 ? new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) : floatToInt16(bytes);
    audioMs += samples.length / 16;
    stream?.send(samples);
    if (faults.dieAfterAudioMs !== undefined && audioMs >= faults.dieAfterAudioMs) faults.refuse = true;
    const dropOnce = faults.dropOnceAfterAudioMs !== undefined && audioMs >= faults.dropOnceAfterAudioMs;
    if (dropOnce) delete faults.dropOnceAfterAudioMs;
    if ((faults.dropAfterAudioMs !== undefined && audioMs >= faults.dropAfterAudioMs) || faults.refuse || dropOnce) {
      stream?.close();
      socket.terminate();
    }
  });
  socket.on('close', () => stream?.close());
}

function floatToInt16(bytes: Buffer): Int16Array {
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  return Int16Array.from(floats, (value) => Math.max(-32_768, Math.min(32_767, Math.round(value * 32_768))));
}
