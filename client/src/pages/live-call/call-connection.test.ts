import { PROTOCOL_VERSION, type ReadyMessage } from '@call-assist/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallConnection, CallUnavailableError, type ConnectionState } from './call-connection';

/** A WebSocket the test plays the server for: it opens, speaks and drops when told. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static opened: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }

  send(data: unknown) {
    this.sent.push(data);
  }

  close() {
    this.readyState = FakeSocket.CLOSED;
  }

  /** The server accepts the socket and, after `hello`, says `ready` (with `fields` over the defaults). */
  acceptAndReady(fields: Partial<ReadyMessage> = {}) {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
    const ready: ReadyMessage = { type: 'ready', callId: 'call-1', protocolVersion: PROTOCOL_VERSION, role: 'rep', provider: 'local', maxFrameBytes: 64_000, channels: 1, channelRoles: ['any'], resumed: false, audioMs: 0, finals: [], cards: [], feedback: [], muted: false, mutedSpans: [], ...fields };
    this.onmessage?.({ data: JSON.stringify(ready) });
  }

  drop(code = 1006) {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason: '' });
  }

  get hello(): { resume?: boolean; lastSeq?: number; lastCardId?: string } {
    return JSON.parse(this.sent.find((data) => typeof data === 'string' && data.includes('"hello"')) as string) as { resume?: boolean };
  }

  /** The first sample of each audio frame sent (the test's frames count up, so this says which were sent). */
  get audioStarts(): number[] {
    return this.sent.filter((data): data is Int16Array => data instanceof Int16Array).map((pcm) => pcm[0]!);
  }
}

describe('call connection', () => {
  let states: ConnectionState[];
  const events = () => ({ onState: (state: ConnectionState) => states.push(state), onReady() {}, onMessage() {} });

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.opened = [];
    states = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks for a fresh socket URL (a fresh token) on every reconnect, and resumes the call with it', async () => {
    let issued = 0;
    const connection = new CallConnection(async () => `ws://gateway/ws/calls/call-1?token=t${++issued}`, events());
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    FakeSocket.opened[0]!.acceptAndReady();
    FakeSocket.opened[0]!.drop();
    expect(connection.currentState).toBe('reconnecting');

    await vi.runOnlyPendingTimersAsync();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(2));
    FakeSocket.opened[1]!.acceptAndReady();
    FakeSocket.opened[1]!.drop(1001);
    await vi.runOnlyPendingTimersAsync();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(3));

    expect(FakeSocket.opened.map((socket) => socket.url.split('token=')[1])).toEqual(['t1', 't2', 't3']);
    expect(FakeSocket.opened.slice(0, 2).map((socket) => socket.hello.resume ?? false)).toEqual([false, true]);
    expect(states).toEqual(['live', 'reconnecting', 'live', 'reconnecting']);
    connection.dispose();
  });

  it('resends exactly the audio the server lacks, also after a reload into a call that already had audio; asks from its position', async () => {
    // 100 ms frames whose samples say where they are in this page's capture.
    const frame = (index: number) => Int16Array.from({ length: 1_600 }, (_, i) => index * 1_600 + i);
    let position = {};
    const connection = new CallConnection(async () => 'ws://gateway/ws/calls/call-1?token=t', { ...events(), position: () => position }, { resume: true });
    for (let i = 0; i < 3; i++) connection.sendAudio(frame(i));
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    // The call had 5 s before this page: its three frames are new to the server, all go.
    FakeSocket.opened[0]!.acceptAndReady({ resumed: true, audioMs: 5_000 });
    expect(FakeSocket.opened[0]!.audioStarts).toEqual([0, 1_600, 3_200]);
    for (let i = 3; i < 6; i++) connection.sendAudio(frame(i));
    position = { lastSeq: 4, lastCardId: '11111111-1111-4111-8111-111111111111' };
    FakeSocket.opened[0]!.drop();
    await vi.runOnlyPendingTimersAsync();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(2));
    // The server got this page's audio up to 5.4 s of call time: frames 4 and 5 go again.
    FakeSocket.opened[1]!.acceptAndReady({ resumed: true, audioMs: 5_400 });
    expect(FakeSocket.opened[1]!.hello).toMatchObject({ resume: true, ...position });
    expect(FakeSocket.opened[1]!.audioStarts).toEqual([6_400, 8_000]);
    connection.dispose();
  });

  it('keeps trying while no URL can be had (offline, logged out), and connects once one comes', async () => {
    let attempts = 0;
    const connection = new CallConnection(async () => {
      if (++attempts < 3) throw new Error('Could not reach the server.');
      return 'ws://gateway/ws/calls/call-1?token=late';
    }, events());
    await vi.waitFor(() => expect(attempts).toBe(1));
    await vi.runOnlyPendingTimersAsync();
    await vi.runOnlyPendingTimersAsync();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    FakeSocket.opened[0]!.acceptAndReady();
    expect(states).toEqual(['reconnecting', 'reconnecting', 'live']);
    connection.dispose();
  });

  it('stops when the server says the call is over or not the user’s', async () => {
    let first = true;
    const connection = new CallConnection(async () => {
      if (!first) throw new CallUnavailableError('ended', 'the call ended while the connection was down');
      first = false;
      return 'ws://gateway/ws/calls/call-1?token=t1';
    }, events());
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    FakeSocket.opened[0]!.acceptAndReady();
    FakeSocket.opened[0]!.drop();
    await vi.runOnlyPendingTimersAsync();
    await vi.waitFor(() => expect(connection.currentState).toBe('ended'));
    expect(FakeSocket.opened).toHaveLength(1);

    const refused = new CallConnection(async () => Promise.reject(new CallUnavailableError('failed', 'the server does not know this call')), events());
    await vi.waitFor(() => expect(refused.currentState).toBe('failed'));
  });

  it('opens no socket for a URL that arrives after the call was ended', async () => {
    let deliver: (url: string) => void = () => {};
    const connection = new CallConnection(() => new Promise<string>((resolve) => (deliver = resolve)), events());
    connection.end();
    deliver('ws://gateway/ws/calls/call-1?token=t1');
    await vi.runOnlyPendingTimersAsync();
    expect(connection.currentState).toBe('ended');
    expect(FakeSocket.opened).toHaveLength(0);
  });
});
