import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { WhisperLiveSegment } from './segment-tracker.js';

export interface WhisperLiveOptions {
  apiKey?: string | undefined;
  /** e.g. "small.en"; `.en` models force English. */
  model: string;
  /** null: let the node detect it. */
  language: string | null;
  /** Send int16 frames (recent servers with `audio_format`); otherwise float32, which every server reads. */
  int16: boolean;
  /** How long a node may take to load its model and say SERVER_READY. */
  readyTimeoutMs: number;
}

export type ConnectOutcome = { kind: 'ready' } | { kind: 'wait'; minutes: number } | { kind: 'failed'; message: string; retryable: boolean };

export interface SessionHandlers {
  onSegments(segments: WhisperLiveSegment[]): void;
  /** The node ended the session (its time limit): the call continues on a new session. */
  onDisconnect(): void;
  /** The connection failed or closed without being asked to. */
  onLost(message: string): void;
}

const END_OF_AUDIO = Buffer.from('END_OF_AUDIO', 'ascii');

/** One WebSocket session with one WhisperLive node, speaking its protocol. */
export class WhisperLiveSession {
  private readonly uid = randomUUID();
  private socket: WebSocket | undefined;
  private closing = false;
  lastMessageAt = 0;

  constructor(
    readonly url: string,
    private readonly options: WhisperLiveOptions,
    private readonly handlers: SessionHandlers,
  ) {}

  /** Opens the session and waits for SERVER_READY (or WAIT, ERROR, a close, a timeout). */
  connect(hotwords: string[]): Promise<ConnectOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: ConnectOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome.kind !== 'ready') this.close();
        resolve(outcome);
      };
      const timer = setTimeout(() => settle({ kind: 'failed', message: `no SERVER_READY within ${this.options.readyTimeoutMs} ms`, retryable: true }), this.options.readyTimeoutMs);
      const headers = this.options.apiKey ? { Authorization: `Bearer ${this.options.apiKey}` } : undefined;
      const socket = new WebSocket(this.url, { headers, handshakeTimeout: this.options.readyTimeoutMs });
      this.socket = socket;
      socket.on('open', () => socket.send(JSON.stringify(this.config(hotwords))));
      socket.on('unexpected-response', (_request, response) => {
        const unauthorized = response.statusCode === 401 || response.statusCode === 403;
        settle({ kind: 'failed', message: unauthorized ? 'the node refused the API key (WHISPERLIVE_API_KEY)' : `handshake answered HTTP ${response.statusCode}`, retryable: !unauthorized });
      });
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        this.lastMessageAt = performance.now();
        const message = parse(data.toString());
        if (!message || message.uid !== this.uid) return;
        if (message.message === 'SERVER_READY') return settle({ kind: 'ready' });
        if (message.status === 'WAIT') return settle({ kind: 'wait', minutes: Number(message.message) });
        if (message.status === 'ERROR') {
          if (!settled) return settle({ kind: 'failed', message: `node error: ${String(message.message).slice(0, 200)}`, retryable: true });
          return this.lost(`node error: ${String(message.message).slice(0, 200)}`);
        }
        if (message.message === 'DISCONNECT') {
          this.closing = true;
          socket.close();
          return this.handlers.onDisconnect();
        }
        if (Array.isArray(message.segments)) this.handlers.onSegments(message.segments as WhisperLiveSegment[]);
      });
      socket.on('error', (error) => (settled ? this.lost(error.message) : settle({ kind: 'failed', message: error.message, retryable: true })));
      socket.on('close', (code) => (settled ? this.lost(`connection closed (${code})`) : settle({ kind: 'failed', message: `connection closed (${code}) before SERVER_READY`, retryable: true })));
    });
  }

  sendAudio(samples: Int16Array): void {
    if (this.socket?.readyState !== WebSocket.OPEN || samples.length === 0) return;
    if (this.options.int16) return this.socket.send(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
    const floats = new Float32Array(samples.length);
    for (let i = 0; i < samples.length; i++) floats[i] = samples[i]! / 32_768;
    this.socket.send(Buffer.from(floats.buffer));
  }

  /** Tells the node the audio ended and closes (the node does not transcribe what it still buffers). */
  end(): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(END_OF_AUDIO);
    this.close();
  }

  close(): void {
    this.closing = true;
    this.socket?.close();
  }

  private lost(message: string): void {
    if (this.closing) return;
    this.closing = true;
    this.handlers.onLost(message);
  }

  private config(hotwords: string[]) {
    return {
      uid: this.uid,
      language: this.options.language,
      task: 'transcribe',
      model: this.options.model,
      use_vad: true,
      send_last_n_segments: 10,
      no_speech_thresh: 0.45,
      same_output_threshold: 10,
      hotwords: hotwords.length > 0 ? hotwords.join(', ') : null,
      initial_prompt: null,
      word_timestamps: false,
      enable_diarization: false,
      ...(this.options.int16 && { audio_format: 'int16' }),
    };
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
