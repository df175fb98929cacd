/**
 * The gateway's own share of speech → card: from the engine's event reaching the gateway to the card
 * frame written to the rep's socket (a real uWebSockets.js socket, a `ws` client on the other end),
 * with Redis configured.
 *
 * Ours: the call's room sends to the sockets it owns directly; the bus only relays to other gateways
 * (none here, so nothing goes to Redis). Baseline: the path before the room, rebuilt with the same
 * parts — every message published to Redis and the rep's socket fed from the call channel's
 * subscription — measured in the same run against the same Redis.
 */
import { randomUUID } from 'node:crypto';
import { RuleSet, type TalkingPointRule } from '@call-assist/shared';
import { pino } from 'pino';
import uWS from 'uWebSockets.js';
import WebSocket from 'ws';
import { channels } from '../server/src/bus/bus.js';
import { BusRpc } from '../server/src/bus/bus-rpc.js';
import { RedisBus } from '../server/src/bus/redis-bus.js';
import type { CallSocket } from '../server/src/calls/call-socket.js';
import { CallLog } from '../server/src/calls/room/call-log.js';
import { CallRoom } from '../server/src/calls/room/call-room.js';
import { CardFiring } from '../server/src/calls/room/card-firing.js';
import { RoomMember } from '../server/src/calls/room/room-member.js';
import { RoomRelay } from '../server/src/calls/room/room-relay.js';
import { FakeTranscriber } from '../server/src/calls/testing/fake-transcriber.js';
import { MemoryCallStore } from '../server/src/calls/testing/memory-call-store.js';
import { WavRecorder } from '../server/src/lib/audio/wav-recorder.js';
import { MemoryBlobStore } from '../server/src/storage/memory-blob-store.js';

const logger = pino({ level: 'silent' });
const ORG = { orgId: 'bench' };
const SAFETY: TalkingPointRule = { id: 'safety', title: 'Safety', body: 'All injectors are RNs.', phrases: ['is it safe'], speaker: 'any', cooldownMs: 0, priority: 0, enabled: true };
const ITERATIONS = Number(process.env.BENCH_ITER ?? 2_000);

export interface RepPathResult {
  oursP50Us: number;
  oursP95Us: number;
  baselineP50Us: number;
  baselineP95Us: number;
}

/** A server-side uWS socket and the `ws` client connected to it. */
async function socketPair(): Promise<{ server: uWS.WebSocket<unknown>; client: WebSocket; close(): void }> {
  let accepted!: (ws: uWS.WebSocket<unknown>) => void;
  const opened = new Promise<uWS.WebSocket<unknown>>((resolve) => (accepted = resolve));
  const app = uWS.App().ws('/*', { open: (ws) => accepted(ws), maxBackpressure: 64 * 1024 * 1024 });
  const listen = await new Promise<uWS.us_listen_socket>((resolve, reject) => app.listen('127.0.0.1', 0, (socket) => (socket ? resolve(socket) : reject(new Error('could not listen')))));
  const client = new WebSocket(`ws://127.0.0.1:${uWS.us_socket_local_port(listen)}/`);
  client.on('message', () => {});
  const server = await opened;
  return {
    server,
    client,
    close: () => {
      server.close();
      client.terminate();
      uWS.us_listen_socket_close(listen);
    },
  };
}

/** A room for one call with a card that fires on every final saying "is it safe". */
async function room(bus: RedisBus, rpc: BusRpc, socket: CallSocket) {
  const callId = randomUUID();
  const store = new MemoryCallStore();
  const transcriber = new FakeTranscriber();
  const stream = await transcriber.open({ sampleRateHz: 16_000, keyterms: [], onTranscript: () => {}, onError: () => {} });
  const recorder = await WavRecorder.create(new MemoryBlobStore(), `bench/${callId}.wav`, 16_000);
  const parts = { log: new CallLog(callId), layout: { channels: 1, speakers: ['any' as const] }, stream, recorder, firing: new CardFiring(callId, new RuleSet(1, [SAFETY]), 'immediate'), continued: false };
  const relay: RoomRelay = new RoomRelay(callId, bus, rpc, { snapshot: () => callRoom.snapshot(), feedback: async () => undefined }, logger);
  const callRoom: CallRoom = new CallRoom(callId, ORG, parts, { store, logger, resumeGraceMs: 30_000, relay: (payload) => relay.publish(payload) });
  await relay.start();
  const member = new RoomMember(socket, callId);
  callRoom.joinRep(member, { takeOver: false });
  return { callId, room: callRoom, relay };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Measures both paths; undefined when no Redis answers at REDIS_URL (default the machine's). */
export async function repPathBench(redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<RepPathResult | undefined> {
  const bus = new RedisBus(redisUrl, logger, { channelPrefix: `bench:${randomUUID()}:` });
  try {
    await Promise.race([bus.ready(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3_000))]);
  } catch {
    await bus.close();
    return undefined;
  }
  const rpc = new BusRpc(bus, logger);
  await rpc.start();
  const pair = await socketPair();
  const write = (text: string) => pair.server.cork(() => pair.server.send(text, false));
  let cardWritten: (() => void) | undefined;
  const realSocket: CallSocket = {
    send: (text) => {
      write(text);
      if (text.startsWith('{"type":"card"')) cardWritten?.();
    },
    close: () => {},
  };

  // Ours: the rep's member writes to the real socket.
  const ours = await room(bus, rpc, realSocket);
  // Baseline: the rep's messages go to Redis; the real socket is fed from the call channel.
  const baselineChannel = `relay:${randomUUID()}`;
  const unsubscribe = await bus.subscribe(channels.call(baselineChannel), (payload) => realSocket.send(payload));
  const baseline = await room(bus, rpc, { send: (text) => void bus.publish(channels.call(baselineChannel), text), close: () => {} });

  // Call-audio time only goes forward (a card's cooldown counts in it).
  let audioMs = 0;
  const measure = async (target: CallRoom): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const written = new Promise<number>((resolve) => (cardWritten = () => resolve(performance.now())));
      const startMs = (audioMs += 2_000);
      const at = performance.now();
      target.onTranscript({ kind: 'final', text: 'okay can i ask is it safe', startMs, endMs: startMs + 1_500 });
      samples.push(((await written) - at) * 1000);
    }
    return samples.sort((a, b) => a - b);
  };
  // Warm up both, then measure.
  await measure(ours.room);
  await measure(baseline.room);
  const oursUs = await measure(ours.room);
  const baselineUs = await measure(baseline.room);

  await unsubscribe();
  await Promise.all([ours.relay.stop(), baseline.relay.stop()]);
  pair.close();
  await rpc.close();
  await bus.close();
  return { oursP50Us: percentile(oursUs, 0.5), oursP95Us: percentile(oursUs, 0.95), baselineP50Us: percentile(baselineUs, 0.5), baselineP95Us: percentile(baselineUs, 0.95) };
}
