import { randomBytes } from 'node:crypto';
import { AUDIO_SAMPLE_RATE_HZ, PROTOCOL_VERSION, type TalkingPointRule } from '@call-assist/shared';
import { pino } from 'pino';
import { RulesCache } from '../../assist/rules-cache.js';
import type { Bus } from '../../bus/bus.js';
import { BusRpc } from '../../bus/bus-rpc.js';
import { MemoryBlobStore } from '../../storage/memory-blob-store.js';
import { CallTokens } from '../call-tokens.js';
import { LiveCalls } from '../live-calls.js';
import { RepConnection } from '../rep-connection.js';
import { WatchConnection } from '../watch-connection.js';
import { FakeSocket } from './fake-socket.js';
import { FakeTranscriber } from './fake-transcriber.js';
import type { MemoryCallStore } from './memory-call-store.js';

export const ORG = { orgId: 'org-1' };
const logger = pino({ level: 'silent' });

/** A talking point firing on `phrase`. */
export const point = (id: string, phrase: string): TalkingPointRule => ({ id, title: id, body: `${id} body`, phrases: [phrase], speaker: 'any', cooldownMs: null, priority: 0, enabled: true });

/**
 * One gateway's live-call side, in memory: the real rooms, protocol state machines and relay, on a
 * bus shared with other test gateways, a shared call store, and a fake speech engine the test speaks
 * for. Sockets are `FakeSocket`s wired to the connections as the transport wires uWebSockets.js.
 */
export async function startTestGateway(options: { bus: Bus; store: MemoryCallStore; points?: TalkingPointRule[]; resumeGraceMs?: number; blobs?: MemoryBlobStore }) {
  const transcriber = new FakeTranscriber();
  const rules = new RulesCache(async () => ({ version: 1, talkingPoints: options.points ?? [] }), options.bus, logger);
  await rules.start();
  const rpc = new BusRpc(options.bus, logger);
  await rpc.start();
  const blobs = options.blobs ?? new MemoryBlobStore();
  const analysed: string[] = [];
  const calls = new LiveCalls({
    store: options.store,
    tokens: new CallTokens(randomBytes(32), 300),
    transcriber,
    rules,
    blobs,
    bus: options.bus,
    rpc,
    logger,
    stability: 'immediate',
    sampleRateHz: AUDIO_SAMPLE_RATE_HZ,
    analysis: { enqueueAnalysis: async (_scope, callId) => void analysed.push(callId) },
    resumeGraceMs: options.resumeGraceMs ?? 30_000,
  });

  /** A rep socket that said `hello` (with `fields` added); resolves once it has `ready` (or was refused). */
  async function rep(callId: string, fields: Record<string, unknown> = {}) {
    const socket = new FakeSocket();
    const connection = new RepConnection(socket, ORG, callId, calls, logger);
    socket.onClose = () => connection.onClose();
    connection.onText(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, sampleRate: AUDIO_SAMPLE_RATE_HZ, encoding: 'pcm16', channels: 1, ...fields }));
    await Promise.race([socket.next('ready'), socket.closed()]);
    return { socket, connection, send: (message: object) => connection.onText(JSON.stringify(message)), audio: (samples: Int16Array) => connection.onBinary(samples.slice().buffer) };
  }

  /** A watcher socket; resolves once it has `ready` (or was refused). */
  async function watch(callId: string) {
    const socket = new FakeSocket();
    const connection = new WatchConnection(socket, ORG, callId, calls, logger);
    socket.onClose = () => connection.onClose();
    await Promise.race([socket.next('ready'), socket.closed()]);
    return socket;
  }

  return {
    calls,
    transcriber,
    blobs,
    analysed,
    rep,
    watch,
    newCall: async () => (await calls.create(ORG, 'user-1')).callId,
    stop: async () => {
      await calls.suspendAll();
      await rpc.close();
      await rules.stop();
    },
  };
}
