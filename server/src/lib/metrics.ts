import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process' Prometheus metrics (prom-client), exposed by `GET /metrics` on the gateway (with
 * METRICS_TOKEN) and by the metrics listener (METRICS_PORT, gateways and workers). One registry per
 * process: counters add up everything the process did, whatever app instances it runs (tests start
 * two gateways in one process). No label ever carries a call id or customer content.
 */
const registry = new Registry();
const registers = [registry];

/** Buckets for things measured in milliseconds to seconds (engine lag, speech-to-card). */
const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];
/** A Redis PUBLISH is sub-millisecond on a healthy network. */
const BUS_BUCKETS_S = [0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Jobs: an analysis takes seconds, a long imported recording many minutes. */
const JOB_BUCKETS_S = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export const metrics = {
  liveCalls: new Gauge({ name: 'callassist_live_calls', help: 'Live calls held by this gateway (streaming, or waiting for the rep to reconnect)', registers }),
  callSockets: new Gauge({ name: 'callassist_call_sockets', help: 'Open call WebSockets on this gateway', labelNames: ['kind'] as const, registers }),
  audioFrames: new Counter({ name: 'callassist_audio_frames_total', help: 'Audio frames accepted from reps (rate() gives frames per second)', registers }),
  audioBytes: new Counter({ name: 'callassist_audio_bytes_total', help: 'PCM16 audio bytes accepted from reps (rate() gives bytes per second)', registers }),
  sttLatency: new Histogram({
    name: 'callassist_stt_latency_seconds',
    help: 'Speech engine lag: the audio at the end of a transcript event reached the gateway → the engine reported the event',
    labelNames: ['provider', 'kind'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers,
  }),
  sttFailovers: new Counter({ name: 'callassist_stt_failovers_total', help: 'Live calls moved to another speech engine mid-call', labelNames: ['from', 'to'] as const, registers }),
  sttReconnects: new Counter({
    name: 'callassist_stt_reconnects_total',
    help: "New connections to the same engine mid-stream: `session-ended` (the engine's session limit) or `dropped`",
    labelNames: ['provider', 'reason'] as const,
    registers,
  }),
  sttEngineAvailable: new Gauge({
    name: 'callassist_stt_engine_available',
    help: '1 while a speech engine takes new calls, 0 while it is marked unavailable and probed in the background',
    labelNames: ['provider'] as const,
    registers,
  }),
  speechToCard: new Histogram({
    name: 'callassist_speech_to_card_seconds',
    help: "Speech-to-card latency (a card's audioToCardMs): the audio completing the trigger phrase reached the gateway → the card was published",
    labelNames: ['source'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers,
  }),
  busPublish: new Histogram({ name: 'callassist_bus_publish_seconds', help: 'Redis PUBLISH round trip (cards, transcripts, progress)', buckets: BUS_BUCKETS_S, registers }),
  busPublishErrors: new Counter({ name: 'callassist_bus_publish_errors_total', help: 'Bus publishes that failed (Redis down)', registers }),
  jobDuration: new Histogram({
    name: 'callassist_job_duration_seconds',
    help: 'Job run time in this process, by queue and outcome (a failed run is retried unless it was the last attempt)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: JOB_BUCKETS_S,
    registers,
  }),
  apiErrors: new Counter({ name: 'callassist_api_errors_total', help: 'HTTP API error answers by error code and status', labelNames: ['code', 'status'] as const, registers }),
  socketCloses: new Counter({ name: 'callassist_socket_closes_total', help: 'Call WebSockets closed, by kind and close code (either side)', labelNames: ['kind', 'code'] as const, registers }),
  loginFailures: new Counter({ name: 'callassist_login_failures_total', help: 'Refused logins by reason (wrong_password, unknown_email, locked, address_throttled)', labelNames: ['reason'] as const, registers }),
  rateLimited: new Counter({ name: 'callassist_rate_limited_total', help: 'Requests and socket messages refused by a rate limit', labelNames: ['limit'] as const, registers }),
  bulkImportFiles: new Counter({ name: 'callassist_bulk_import_files_total', help: 'Bulk-import files reaching each status in this process', labelNames: ['status'] as const, registers }),
};

/** How many jobs of a queue wait (`queued`: created or waiting for a retry) and run (`active`). */
export interface QueueDepth {
  queued: number;
  active: number;
}

const queueDepthSources = new Map<string, Set<() => Promise<QueueDepth>>>();

new Gauge({
  name: 'callassist_job_queue_depth',
  help: 'Jobs per queue and state, read from pg-boss at scrape time (the same in every process of a deployment)',
  labelNames: ['queue', 'state'] as const,
  registers,
  async collect() {
    this.reset();
    await Promise.all(
      [...queueDepthSources].map(async ([queue, sources]) => {
        const read = sources.values().next().value;
        if (!read) return;
        // A database hiccup must not fail the whole scrape: the queue is just missing from this one.
        const depth = await read().catch(() => undefined);
        if (!depth) return;
        this.set({ queue, state: 'queued' }, depth.queued);
        this.set({ queue, state: 'active' }, depth.active);
      }),
    );
  },
});

/** Reports a queue's depth at scrape time; returns the way to stop (the job runner stopped). */
export function registerQueueDepth(queue: string, read: () => Promise<QueueDepth>): () => void {
  let sources = queueDepthSources.get(queue);
  if (!sources) queueDepthSources.set(queue, (sources = new Set()));
  sources.add(read);
  return () => {
    sources.delete(read);
    if (sources.size === 0 && queueDepthSources.get(queue) === sources) queueDepthSources.delete(queue);
  };
}

let processMetricsOn = false;

/** Adds Node's own metrics (CPU, memory, event-loop lag, GC) once per process. */
export function enableProcessMetrics(): void {
  if (processMetricsOn) return;
  processMetricsOn = true;
  collectDefaultMetrics({ register: registry, prefix: 'callassist_' });
}

/** The exposition text and its content type. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Milliseconds, as Prometheus wants durations: seconds. */
export const seconds = (ms: number) => ms / 1000;

/** `Authorization: Bearer <token>` against the configured token, in constant time. */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
