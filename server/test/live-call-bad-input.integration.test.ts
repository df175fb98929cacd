import { randomUUID } from 'node:crypto';
import { CloseCode, MAX_AUDIO_FRAME_BYTES, type LiveCallCreated, type TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ensureDefaultOrganisation } from '../src/db/organisations.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { synthesizeTurns } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

/** Every misbehaving socket is closed with its own code while a well-behaved call carries on. */
describe('bad input on live-call sockets', () => {
  let app: TestApp;
  let healthy: { socket: RecordingSocket; streamed: Promise<void> };
  let point: TalkingPoint;

  const newCall = async () => (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
  const connect = async (call: LiveCallCreated, suffix = '') => {
    const socket = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}${suffix}?token=${encodeURIComponent(call.token)}`);
    await socket.opened;
    return socket;
  };
  const ready = async () => {
    const socket = await connect(await newCall());
    socket.hello();
    await socket.next('ready');
    return socket;
  };

  beforeAll(async () => {
    app = await startTestApp();
    point = (await api<TalkingPoint>(app, 'POST', '/api/talking-points', { title: 'Safety', body: 'RN injectors.', phrases: ['is it safe'] })).body;
    const audio = await synthesizeTurns([{ speaker: 'caller', text: 'Hello there. Can I ask, is it safe? I have heard some horror stories.' }]);
    const socket = await connect(await newCall());
    socket.hello();
    await socket.next('ready');
    healthy = {
      socket,
      streamed: streamRealtime(socket, audio).then(() => socket.sendJson({ type: 'end' })),
    };
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('garbage JSON closes with invalidMessage', async () => {
    const socket = await connect(await newCall());
    socket.ws.send('{"type": hello');
    expect(await socket.closed).toMatchObject({ code: CloseCode.invalidMessage, reason: 'message is not valid JSON' });
  });

  it('audio before hello closes with invalidMessage', async () => {
    const socket = await connect(await newCall());
    socket.ws.send(Buffer.alloc(3_200));
    expect(await socket.closed).toMatchObject({ code: CloseCode.invalidMessage, reason: 'audio before hello' });
  });

  it('an unknown control message after ready closes with invalidMessage', async () => {
    const socket = await ready();
    socket.sendJson({ type: 'transfer', to: 'someone' });
    expect((await socket.closed).code).toBe(CloseCode.invalidMessage);
  });

  it('a wrong protocol version closes with versionMismatch', async () => {
    const socket = await connect(await newCall());
    socket.hello({ protocolVersion: 99 });
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.versionMismatch);
    expect(closed.reason).toMatch(/99.*1/);
  });

  it('an oversize audio frame closes with frameTooLarge', async () => {
    const socket = await ready();
    socket.ws.send(Buffer.alloc(MAX_AUDIO_FRAME_BYTES + 2));
    expect((await socket.closed).code).toBe(CloseCode.frameTooLarge);
  });

  it('audio far faster than real time closes with rateLimited', async () => {
    const socket = await ready();
    // 30 s of audio at once: more than the 10 s burst allowance.
    for (let i = 0; i < 30; i++) socket.ws.send(Buffer.alloc(32_000));
    expect((await socket.closed).code).toBe(CloseCode.rateLimited);
  });

  it('a bad token closes with unauthorized, as does a token for another call', async () => {
    const call = await newCall();
    const forged = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token.slice(0, -3))}abc`);
    expect((await forged.closed).code).toBe(CloseCode.unauthorized);
    const other = await newCall();
    const crossed = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(other.token)}`);
    expect(await crossed.closed).toMatchObject({ code: CloseCode.unauthorized, reason: 'token is for another call' });
  });

  it('an upgrade without a token is refused with HTTP 401, before any socket opens', async () => {
    const call = await newCall();
    const missing = new WebSocket(`${app.wsUrl}/ws/calls/${call.callId}`);
    const refusedWith = await new Promise<number | undefined>((resolve, reject) => {
      missing.once('unexpected-response', (request, response) => {
        request.destroy();
        resolve(response.statusCode);
      });
      missing.once('open', () => reject(new Error('the socket opened without a token')));
      missing.once('error', reject);
    });
    expect(refusedWith).toBe(401);
  });

  it('an unknown call id closes with unknownCall, for streaming and for watching', async () => {
    const scope = await ensureDefaultOrganisation(app.database.db);
    const callId = randomUUID();
    const token = app.tokens.issue({ callId, orgId: scope.orgId, userId: app.admin.user.id, purpose: 'stream' });
    const socket = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${callId}?token=${encodeURIComponent(token)}`);
    await socket.opened;
    socket.hello();
    expect((await socket.closed).code).toBe(CloseCode.unknownCall);
    const watcher = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${callId}/watch?token=${encodeURIComponent(token)}`);
    expect((await watcher.closed).code).toBe(CloseCode.unknownCall);
  });

  it('a second streaming socket on a live call closes with callBusy; watchers cannot send audio', async () => {
    const call = await newCall();
    const first = await connect(call);
    first.hello();
    await first.next('ready');
    const second = await connect(call);
    second.hello();
    expect((await second.closed).code).toBe(CloseCode.callBusy);
    const watcher = await connect(call, '/watch');
    watcher.ws.send(Buffer.alloc(320));
    expect((await watcher.closed).code).toBe(CloseCode.invalidMessage);
    first.sendJson({ type: 'end' });
    expect((await first.closed).code).toBe(CloseCode.normal);
  });

  it('the concurrent well-behaved call is unaffected and the server stays healthy', async () => {
    await healthy.streamed;
    expect((await healthy.socket.closed).code).toBe(CloseCode.normal);
    const finals = healthy.socket.messages('transcript.final').map((f) => f.text).join(' ');
    expect(finals).toMatch(/is it safe/);
    expect(healthy.socket.messages('card').map((c) => c.talkingPointId)).toEqual([point.id]);
    expect(healthy.socket.messages('error')).toEqual([]);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  }, 60_000);
});

describe('speech engine at capacity', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { LOCAL_STT_MAX_STREAMS: '1' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses the call beyond capacity with engineUnavailable; the same call starts once capacity frees', async () => {
    const call = async () => (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
    const open = async (created: LiveCallCreated) => {
      const socket = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${created.callId}?token=${encodeURIComponent(created.token)}`);
      await socket.opened;
      socket.hello();
      return socket;
    };
    const first = await open(await call());
    await first.next('ready');
    const waiting = await call();
    const refused = await open(waiting);
    const closed = await refused.closed;
    expect(closed.code).toBe(CloseCode.engineUnavailable);
    expect(closed.reason).toMatch(/maximum of 1 call channels/);

    first.sendJson({ type: 'end' });
    expect((await first.closed).code).toBe(CloseCode.normal);
    const retried = await open(waiting);
    await retried.next('ready');
    retried.sendJson({ type: 'end' });
    expect((await retried.closed).code).toBe(CloseCode.normal);
  });
});
