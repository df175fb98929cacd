import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LocalTranscriber } from '../../src/stt/local/local-transcriber.js';
import type { TranscriberStream, TranscriptEvent } from '../../src/stt/streaming-transcriber.js';

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
  /** Send only `{text}` segments, like the tensorrt backend. */
  textOnly?: boolean;
}

export interface FakeWhisperLive {
  url: string;
  /** Sessions that received SERVER_READY. */
  sessions: number;
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
 * while the rest of the suite runs. Waiting longer keeps the tests about the protocol, not the CPU.
 */
export const FAKE_NODE_PATIENCE = { trailingQuietMs: 4_000, trailingMaxMs: 30_000 } as const;

/**
 * A WhisperLive node speaking the real protocol (first JSON config, SERVER_READY, float32 or int16
 * binary audio, snapshot `segments` messages with string times, END_OF_AUDIO, WAIT, DISCONNECT),
 * recognising the audio with the local PocketSphinx engine.
 */
export async function startFakeWhisperLive(engine: LocalTranscriber, options: { apiKey?: string; faults?: WhisperLiveFaults } = {}): Promise<FakeWhisperLive> {
  const faults = options.faults ?? {};
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info, callback) => {
      if (!options.apiKey) return callback(true);
      const token = new URL(info.req.url ?? '/', 'http://x').searchParams.get('token');
      callback(info.req.headers.authorization === `Bearer ${options.apiKey}` || token === options.apiKey, 401, 'Unauthorized');
    },
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const fake: FakeWhisperLive = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sessions: 0,
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

function serveSession(socket: WebSocket, engine: LocalTranscriber, faults: WhisperLiveFaults, fake: FakeWhisperLive): void {
  let uid = '';
  let int16 = false;
  let stream: TranscriberStream | undefined;
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
      stream = await engine.open({ sampleRateHz: 16_000, keyterms: [], onTranscript, onError: () => socket.terminate() });
      if (faults.readyDelayMs) await new Promise((resolve) => setTimeout(resolve, faults.readyDelayMs));
      fake.sessions++;
      if (faults.disconnectAfterMs !== undefined) {
        const limit = setTimeout(() => {
          // Like the real server: what it has not transcribed yet is dropped with the session.
          stream?.abort();
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
      stream?.abort();
      return socket.close();
    }
    const samples = int16 ? new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) : floatToInt16(bytes);
    audioMs += samples.length / 16;
    stream?.write(samples);
    if (faults.dropAfterAudioMs !== undefined && audioMs >= faults.dropAfterAudioMs) {
      stream?.abort();
      socket.terminate();
    }
  });
  socket.on('close', () => stream?.abort());
}

function floatToInt16(bytes: Buffer): Int16Array {
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  return Int16Array.from(floats, (value) => Math.max(-32_768, Math.min(32_767, Math.round(value * 32_768))));
}
