import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { LocalEngine } from '../../src/stt/local/local-engine.js';
import { DEBIAN_MODEL_DIR } from '../../src/stt/local/pocketsphinx.js';
import type { EngineConnection, SpeechEngine } from '../../src/stt/speech-engine.js';
import type { TranscriptEvent, TranscriptWord } from '../../src/stt/streaming-transcriber.js';

export interface FakeDeepgramOptions {
  apiKey: string;
  /** Recognition engine behind the fake; default a LocalEngine owned (and closed) by it. */
  engine?: SpeechEngine;
  /** Close with 1011 NET-0001 after this long with neither audio nor KeepAlive (Deepgram: 10 s). */
  noAudioTimeoutMs?: number;
  /** Drop the TCP connection without a close frame once this much audio arrived. */
  closeAbruptlyAfterMs?: number;
  /** Close with this code and reason once this much audio arrived. */
  closeWithAfterMs?: { afterMs: number; code: number; reason: string };
  /**
   * Like Deepgram, deliver a long utterance as several `is_final` spans of at most this much audio,
   * only the last one `speech_final` (default 2 s).
   */
  finalSpanMs?: number;
  /** Never answer CloseStream (a hung Deepgram): the client must stop waiting on its own. */
  ignoreCloseStream?: boolean;
  /** Concurrent streams before the handshake is refused with 429. */
  maxStreams?: number;
}

export interface FakeDeepgramServer {
  /** `http://127.0.0.1:port`, usable as the SDK's `baseUrl`. */
  url: string;
  /** Streams accepted so far. */
  readonly connections: number;
  readonly activeStreams: number;
  /** The query of every accepted stream, in order. */
  readonly queries: URLSearchParams[];
  /** KeepAlive messages received. */
  readonly keepAlives: number;
  /** `keepalive` on each KeepAlive received, `session-end` when a stream ended (either side): tests wait on them. */
  readonly events: EventEmitter;
  close(): Promise<void>;
}

const SAMPLES_PER_MS = 16;
const silent = pino({ level: 'silent' });
const seconds = (ms: number) => Math.round(ms) / 1000;
const MODEL_INFO = { name: 'general-nova-3', version: 'fake', arch: 'nova-3' };

/** Deepgram's words: seconds; with `punctuate`, an utterance's first word capitalised and its last full-stopped. */
function deepgramWords(words: TranscriptWord[], punctuate: boolean, edges: { first: boolean; last: boolean }) {
  return words.map((w, i) => {
    let punctuated = i === 0 && edges.first ? w.word.charAt(0).toUpperCase() + w.word.slice(1) : w.word;
    if (edges.last && i === words.length - 1) punctuated += '.';
    return { word: w.word, start: seconds(w.startMs), end: seconds(w.endMs), confidence: 0.9, ...(punctuate && { punctuated_word: punctuated }) };
  });
}

/** Words in runs of at most `maxMs` of audio each (always at least one run). */
function splitSpans(words: TranscriptWord[], maxMs: number): TranscriptWord[][] {
  const spans: TranscriptWord[][] = [[]];
  for (const word of words) {
    const current = spans.at(-1)!;
    if (current.length > 0 && word.endMs - current[0]!.startMs > maxMs) spans.push([word]);
    else current.push(word);
  }
  return spans;
}

/** An interim hypothesis has no word times of its own: spread its words over its span. */
function spreadWords(text: string, startMs: number, endMs: number): TranscriptWord[] {
  const words = text.split(/\s+/).filter(Boolean);
  const each = (endMs - startMs) / Math.max(1, words.length);
  return words.map((word, i) => ({ word, startMs: startMs + i * each, endMs: startMs + (i + 1) * each }));
}

const toBuffer = (data: RawData) => (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data));

/** One channel's utterance state (with `multichannel`, Deepgram reports each channel on its own). */
interface Lane {
  /** End of the last final span: interim and final spans start here, as Deepgram's do. */
  cursorMs: number;
  lastWordEndMs: number | undefined;
  inSpeech: boolean;
  finalizedSent: boolean;
}

/** One `/v1/listen` WebSocket: audio into the engine, its hypotheses out as Deepgram messages. */
class ListenSession {
  private local: EngineConnection | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Interleaved samples received. */
  private receivedSamples = 0;
  private carry = Buffer.alloc(0);
  private readonly channels: number;
  private readonly lanes: Lane[];
  private finalizing = false;
  private closing = false;
  private ended = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly requestId = randomUUID();

  constructor(
    private readonly ws: WebSocket,
    private readonly query: URLSearchParams,
    private readonly engine: SpeechEngine,
    private readonly options: FakeDeepgramOptions,
    private readonly onEnd: () => void,
    private readonly onKeepAlive: () => void,
  ) {
    this.channels = Number(query.get('channels') ?? '1');
    this.lanes = Array.from({ length: this.channels }, () => ({ cursorMs: 0, lastWordEndMs: undefined, inSpeech: false, finalizedSent: false }));
    this.armIdleTimer();
    ws.on('message', (data: RawData, isBinary: boolean) => this.receive(toBuffer(data), isBinary));
    ws.on('close', () => this.end());
    this.enqueue(() => this.openLocal());
  }

  private get receivedMs(): number {
    return this.receivedSamples / SAMPLES_PER_MS / this.channels;
  }

  private enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue
      .then(() => (this.ended ? undefined : task()))
      .catch(() => this.closeWith(1011, 'NET-0000'));
  }

  private async openLocal(): Promise<void> {
    const offsetMs = this.receivedMs;
    this.local = await this.engine.connect({
      sampleRateHz: 16_000,
      channels: this.channels,
      keyterms: this.query.getAll('keyterm'),
      logger: silent,
      onTranscript: (event) => this.onLocal(event, offsetMs),
      onClosed: () => this.closeWith(1011, 'NET-0000'),
    });
  }

  private audio(bytes: Buffer): void {
    const joined = Buffer.concat([this.carry, bytes]);
    const usable = joined.length - (joined.length % (2 * this.channels));
    this.carry = joined.subarray(usable);
    const samples = new Int16Array(usable / 2);
    Buffer.from(samples.buffer).set(joined.subarray(0, usable));
    this.receivedSamples += samples.length;
    this.local?.send(samples);
    this.maybeUtteranceEnd();
    const { closeAbruptlyAfterMs, closeWithAfterMs } = this.options;
    if (closeAbruptlyAfterMs !== undefined && this.receivedMs >= closeAbruptlyAfterMs) {
      this.end();
      this.ws.terminate();
    } else if (closeWithAfterMs && this.receivedMs >= closeWithAfterMs.afterMs) {
      this.closeWith(closeWithAfterMs.code, closeWithAfterMs.reason);
    }
  }

  /** The no-audio clock runs on arrival (as Deepgram's does), work on the engine in order. */
  private receive(data: Buffer, isBinary: boolean): void {
    let type: unknown = 'Audio';
    try {
      if (!isBinary) type = (JSON.parse(data.toString()) as { type?: unknown }).type;
    } catch {
      return;
    }
    if (type === 'CloseStream' || (type === 'Audio' && data.length === 0)) {
      // Deepgram reads an empty binary frame as CloseStream (hence: never send one by accident).
      this.closing = true;
      clearTimeout(this.idleTimer);
      if (!this.options.ignoreCloseStream) this.enqueue(() => this.closeStream());
    } else if (type === 'Audio') {
      this.armIdleTimer();
      this.enqueue(() => this.audio(data));
    } else if (type === 'KeepAlive') {
      this.armIdleTimer();
      this.onKeepAlive();
    }
    else if (type === 'Finalize') this.enqueue(() => this.finalize());
  }

  /** Flushes what the engine holds as a `from_finalize` final; the stream then goes on. */
  private async finalize(): Promise<void> {
    this.finalizing = true;
    for (const lane of this.lanes) lane.finalizedSent = false;
    await this.local?.finish();
    this.local = undefined;
    this.lanes.forEach((lane, channel) => lane.finalizedSent || this.sendResults({ isFinal: true, text: '', words: [], endMs: this.receivedMs }, channel));
    this.finalizing = false;
    if (!this.ended) await this.openLocal();
  }

  private async closeStream(): Promise<void> {
    await this.local?.finish();
    this.local = undefined;
    const duration = seconds(this.receivedMs);
    const created = new Date().toISOString();
    this.send({ type: 'Metadata', transaction_key: 'deprecated', request_id: this.requestId, sha256: '', created, duration, channels: this.channels, model_info: { fake: MODEL_INFO } });
    this.closeWith(1000, '');
  }

  private onLocal(event: TranscriptEvent, offsetMs: number): void {
    if (this.ended) return;
    const channel = event.channel ?? 0;
    const lane = this.lanes[channel]!;
    const startMs = event.startMs + offsetMs;
    const endMs = event.endMs + offsetMs;
    if (event.kind === 'partial') {
      if (event.text !== '' && !lane.inSpeech) {
        lane.inSpeech = true;
        lane.lastWordEndMs = undefined;
        if (this.query.get('vad_events') === 'true') this.send({ type: 'SpeechStarted', channel: [channel], timestamp: seconds(startMs) });
      }
      if (this.query.get('interim_results') === 'true') {
        this.sendResults({ isFinal: false, text: event.text, words: spreadWords(event.text, startMs, endMs), endMs }, channel);
      }
      return;
    }
    const words = (event.words ?? []).map((w) => ({ ...w, startMs: w.startMs + offsetMs, endMs: w.endMs + offsetMs }));
    const spans = splitSpans(words, this.options.finalSpanMs ?? 2_000);
    spans.forEach((span, i) => {
      const last = i === spans.length - 1;
      const text = spans.length > 1 ? span.map((w) => w.word).join(' ') : event.text;
      this.sendResults({ isFinal: true, first: i === 0, last, text, words: span, endMs: last ? endMs : span.at(-1)!.endMs }, channel);
    });
    lane.inSpeech = false;
    lane.lastWordEndMs = words.at(-1)?.endMs ?? endMs;
  }

  /** UtteranceEnd, per channel, once `utterance_end_ms` of audio passed after its last word. */
  private maybeUtteranceEnd(): void {
    const gapMs = Number(this.query.get('utterance_end_ms') ?? NaN);
    this.lanes.forEach((lane, channel) => {
      if (lane.lastWordEndMs === undefined || lane.inSpeech || !(this.receivedMs - lane.lastWordEndMs >= gapMs)) return;
      this.send({ type: 'UtteranceEnd', channel: [channel, this.channels], last_word_end: seconds(lane.lastWordEndMs) });
      lane.lastWordEndMs = undefined;
    });
  }

  private sendResults(span: { isFinal: boolean; first?: boolean; last?: boolean; text: string; words: TranscriptWord[]; endMs: number }, channel: number): void {
    const lane = this.lanes[channel]!;
    const punctuate = this.query.get('punctuate') === 'true';
    const last = span.last ?? true;
    const words = deepgramWords(span.words, punctuate, { first: span.first ?? true, last: span.isFinal && last });
    const startMs = lane.cursorMs;
    if (span.isFinal) {
      lane.cursorMs = Math.max(lane.cursorMs, span.endMs);
      if (this.finalizing && last) lane.finalizedSent = true;
    }
    this.send({
      type: 'Results',
      channel_index: [channel, this.channels],
      start: seconds(startMs),
      duration: seconds(Math.max(0, span.endMs - startMs)),
      is_final: span.isFinal,
      speech_final: span.isFinal && last && !this.finalizing,
      ...(span.isFinal && last && this.finalizing && { from_finalize: true }),
      channel: {
        alternatives: [{ transcript: punctuate ? words.map((w) => w.punctuated_word).join(' ') : span.text, confidence: 0.9, words }],
      },
      metadata: { request_id: this.requestId, model_info: MODEL_INFO, model_uuid: 'fake-model' },
    });
  }

  private send(message: object): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.closing) return;
    this.idleTimer = setTimeout(() => this.closeWith(1011, 'NET-0001'), this.options.noAudioTimeoutMs ?? 10_000);
  }

  private closeWith(code: number, reason: string): void {
    this.end();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.idleTimer);
    this.local?.close();
    this.local = undefined;
    this.onEnd();
  }
}

function refusal(status: number, errCode: string, errMsg: string): { status: number; body: string } {
  return { status, body: JSON.stringify({ err_code: errCode, err_msg: errMsg, request_id: randomUUID() }) };
}

/**
 * A protocol-faithful Deepgram `/v1/listen` (live WebSocket and pre-recorded POST) on 127.0.0.1,
 * backed by a real recogniser, with fault injection for the failures Deepgram really produces.
 */
export async function startFakeDeepgramServer(options: FakeDeepgramOptions): Promise<FakeDeepgramServer> {
  const ownEngine = options.engine ? undefined : await LocalEngine.start({ modelDir: DEBIAN_MODEL_DIR, workers: 1, maxStreams: 16, logger: silent });
  const engine = options.engine ?? ownEngine!;
  const queries: URLSearchParams[] = [];
  const sessions = new Set<ListenSession>();
  let connections = 0;
  let keepAlives = 0;
  const events = new EventEmitter();

  const check = (request: IncomingMessage, url: URL) => {
    if (url.pathname !== '/v1/listen') return refusal(404, 'NOT_FOUND', 'Not found.');
    if (request.headers.authorization !== `Token ${options.apiKey}`) return refusal(401, 'INVALID_AUTH', 'Invalid credentials.');
    const query = url.searchParams;
    if (query.has('encoding') && (query.get('encoding') !== 'linear16' || query.get('sample_rate') !== '16000')) {
      return refusal(400, 'INVALID_QUERY_PARAMETER', 'The fake server decodes linear16 at 16000 Hz only.');
    }
    if (Number(query.get('channels') ?? '1') > 1 && query.get('multichannel') !== 'true') {
      return refusal(400, 'INVALID_QUERY_PARAMETER', 'The fake server transcribes several channels only with multichannel=true.');
    }
    if (query.has('keyterm') && !query.get('model')?.startsWith('nova-3')) {
      return refusal(400, 'INVALID_QUERY_PARAMETER', 'Keyterm Prompting is only compatible with Nova-3.');
    }
    if (options.maxStreams !== undefined && sessions.size >= options.maxStreams) {
      return refusal(429, 'TOO_MANY_REQUESTS', 'Too many concurrent requests.');
    }
    return undefined;
  };

  const server = createServer((request, response) => {
    prerecorded(request, response).catch(() => response.writeHead(500).end(JSON.stringify({ err_code: 'INTERNAL_SERVER_ERROR' })));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refused = check(request, url);
    if (refused) {
      socket.end(`HTTP/1.1 ${refused.status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(refused.body)}\r\nConnection: close\r\n\r\n${refused.body}`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      connections++;
      queries.push(url.searchParams);
      const session: ListenSession = new ListenSession(
        ws,
        url.searchParams,
        engine,
        options,
        () => {
          sessions.delete(session);
          events.emit('session-end');
        },
        () => {
          keepAlives++;
          events.emit('keepalive');
        },
      );
      sessions.add(session);
    });
  });

  /** `POST /v1/listen` with a raw linear16 body (or a 16 kHz mono PCM16 WAV): one JSON result. */
  async function prerecorded(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, body: string) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    const refused = request.method === 'POST' ? check(request, url) : refusal(405, 'METHOD_NOT_ALLOWED', 'POST only.');
    if (refused) return void reply(refused.status, refused.body);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    const data = body.subarray(0, 4).toString('latin1') === 'RIFF' ? body.indexOf('data', 12, 'latin1') : -1;
    if (data >= 0) body = body.subarray(data + 8);
    const finals: TranscriptEvent[] = [];
    const connection = await engine.connect({ sampleRateHz: 16_000, channels: 1, keyterms: [], logger: silent, onTranscript: (e) => e.kind === 'final' && finals.push(e), onClosed: () => {} });
    const samples = new Int16Array(body.length >> 1);
    const durationMs = samples.length / SAMPLES_PER_MS;
    Buffer.from(samples.buffer).set(body.subarray(0, samples.length * 2));
    connection.send(samples);
    await connection.finish();
    const words = deepgramWords(finals.flatMap((f) => f.words ?? []), false, { first: false, last: false });
    const transcript = finals.map((f) => f.text).join(' ');
    // `utterances=true`: one per recognised utterance. With `diarize=true` the speaker simply
    // alternates per utterance — a stand-in for diarization, which mono PocketSphinx cannot do.
    const diarize = url.searchParams.get('diarize') === 'true';
    const utterances = finals.map((final, index) => ({
      start: seconds(final.startMs),
      end: seconds(final.endMs),
      confidence: 0.9,
      channel: 0,
      transcript: final.text,
      words: deepgramWords(final.words ?? [], false, { first: false, last: false }).map((w) => (diarize ? { ...w, speaker: index % 2 } : w)),
      ...(diarize && { speaker: index % 2 }),
      id: randomUUID(),
    }));
    reply(200, JSON.stringify({
      metadata: { request_id: randomUUID(), duration: seconds(durationMs), channels: 1, model_info: { fake: MODEL_INFO } },
      results: {
        channels: [{ alternatives: [{ transcript, confidence: 0.9, words }] }],
        ...(url.searchParams.get('utterances') === 'true' && { utterances }),
      },
    }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get keepAlives() {
      return keepAlives;
    },
    events,
    get activeStreams() {
      return sessions.size;
    },
    queries,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ownEngine?.close();
    },
  };
}
