/**
 * Runs the live call: microphone (and the caller's audio) → socket → store. Lives outside React so
 * the call survives navigation between screens; the page only renders the store and calls these actions.
 */
import { AUDIO_SAMPLE_RATE_HZ, type ReadyMessage, type ServerMessage } from '@call-assist/shared';
import { sendCardFeedback } from '../../api/calls';
import { ApiRequestError } from '../../api/http';
import { callSocketUrl, createLiveCall, fetchCallToken } from '../../api/live-calls';
import { toastError, useToasts } from '../../ui/toasts';
import { saveCaptureSource, type CaptureSource } from './audio/capture-source';
import { startCallCapture, type CallCapture, type CapturedFrame } from './audio/call-capture';
import { CallConnection, CallUnavailableError, type ConnectionState } from './call-connection';
import { applyMessage, applyReady, position, setCardFeedback } from './live-call-messages';
import { forgetCall, saveCall, savedCall } from './saved-call';
import { initialLiveCallState, isCallActive, useLiveCall, type CallPhase, type CardFeedback } from './live-call-store';

/** Audio captured before the socket exists (microphone first, then the call): the first words count. */
const MAX_EARLY_FRAMES = 50;
/** Performance marks the browser tests read to report how fast the pane reacts. */
export const PerformanceMark = {
  /** The first 100 ms frame came out of the worklet. */
  captureStarted: 'call-assist:capture-started',
  /** The first frame was handed to the socket (sent, or queued until `hello`). */
  audioStarted: 'call-assist:audio-started',
  live: 'call-assist:live',
  firstTranscript: 'call-assist:first-transcript',
  firstCard: 'call-assist:first-card',
} as const;

let capture: CallCapture | undefined;
let connection: CallConnection | undefined;
let earlyFrames: Int16Array[] = [];
let marked = new Set<string>();

const set = useLiveCall.setState;
const get = useLiveCall.getState;

function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}

function onFrame(frame: CapturedFrame): void {
  markOnce(PerformanceMark.captureStarted);
  const { muted } = get();
  const channels = frame.rms.length;
  // Muted: silence of the same length goes instead on the microphone's channel (nothing the rep says
  // leaves the page), so the call's audio time goes on and a reconnect resends from the right place.
  const pcm = muted ? silenceChannel(frame.pcm, 0, channels) : frame.pcm;
  // RMS of speech sits around 0.05–0.3; the square root spreads it over the meter.
  const levels = frame.rms.map((rms, channel) => (muted && channel === 0 ? 0 : Math.min(1, Math.sqrt(rms) * 1.4)));
  set((state) => ({ callAudioMs: state.callAudioMs + (pcm.length * 1000) / channels / AUDIO_SAMPLE_RATE_HZ, levels }));
  if (connection) {
    markOnce(PerformanceMark.audioStarted);
    connection.sendAudio(pcm);
  } else if (earlyFrames.length < MAX_EARLY_FRAMES) earlyFrames.push(pcm);
}

/** A copy of interleaved `pcm` with one channel silent. */
function silenceChannel(pcm: Int16Array, channel: number, channels: number): Int16Array {
  const out = pcm.slice();
  for (let at = channel; at < out.length; at += channels) out[at] = 0;
  return out;
}

/** Chooses what the pane listens to for the next call (remembered in this browser). */
export function setCaptureSource(source: CaptureSource): void {
  saveCaptureSource(source);
  set({ captureSource: source });
}

// Closing or reloading the tab mid-call would end it: ask first.
window.addEventListener('beforeunload', (event) => {
  if (isCallActive(get().phase)) event.preventDefault();
});

/** Opens the microphone (and the caller's audio), creates the call and connects its socket. */
export function startCall(): Promise<void> {
  return openCall(async () => {
    const call = await createLiveCall();
    saveCall({ callId: call.callId });
    return { callId: call.callId, firstToken: call.token, resume: false };
  });
}

/** Picks up the call this tab had before a reload: the server sends what was said and fired so far. */
export function resumeSavedCall(): Promise<void> {
  return openCall(async () => {
    const saved = savedCall();
    if (!saved) throw new Error('the call can no longer be resumed');
    return { callId: saved.callId, resume: true };
  });
}

/**
 * The socket URLs of a call, one per connection attempt: the token the call came with first, then a
 * fresh one each time (tokens last minutes; a reconnect late in a call needs a new one).
 */
function socketUrls(callId: string, firstToken: string | undefined): () => Promise<string> {
  let unused = firstToken;
  return async () => {
    const token = unused ?? (await freshToken(callId));
    unused = undefined;
    return callSocketUrl(callId, token);
  };
}

async function freshToken(callId: string): Promise<string> {
  try {
    return (await fetchCallToken(callId)).token;
  } catch (error) {
    // Retrying cannot change these answers; anything else (offline, logged out meanwhile) may pass later.
    if (error instanceof ApiRequestError && error.status === 409) throw new CallUnavailableError('ended', 'the call ended while the connection was down');
    if (error instanceof ApiRequestError && (error.status === 404 || error.status === 403)) throw new CallUnavailableError('failed', 'the server does not know this call');
    throw error;
  }
}

/** Forgets the call a reload interrupted (the server ends it after its grace period). */
export function forgetSavedCall(): void {
  forgetCall();
  set({ resumable: null });
}

async function openCall(getCall: () => Promise<{ callId: string; firstToken?: string; resume: boolean }>): Promise<void> {
  if (isCallActive(get().phase)) return;
  set({ ...initialLiveCallState, captureSource: get().captureSource, phase: 'starting' });
  earlyFrames = [];
  marked = new Set();
  try {
    capture = await startCallCapture(get().captureSource, onFrame, {
      onCallerEnded: () => useToasts.getState().show('error', "The caller's audio stopped (the tab or input went away): the pane hears you only now."),
    });
    set({ deviceLabel: capture.labels.mic, callerLabel: capture.labels.caller ?? null, channels: capture.channels });
    const call = await getCall();
    set({ callId: call.callId, phase: 'connecting' });
    connection = new CallConnection(socketUrls(call.callId, call.firstToken), { onState: onConnectionState, onReady, onMessage, position }, { resume: call.resume, channels: capture.channels });
    for (const pcm of earlyFrames) connection.sendAudio(pcm);
    earlyFrames = [];
  } catch (error) {
    await releaseCapture();
    forgetCall();
    set({ phase: 'failed', note: error instanceof Error ? error.message : String(error) });
    toastError('Could not start the call', error);
  }
}

/** Ends the call: the microphone stops at once; the transcript's last words still arrive. */
export async function endCall(): Promise<void> {
  await releaseCapture();
  set({ levels: [] });
  connection?.end();
}

/**
 * Ends the call in progress, if any, and resolves once it is over (or failed): logging out must not
 * leave a call running. Bounded by the connection's own deadline for the server's confirmation.
 */
export async function endCallAndWait(): Promise<void> {
  // The call is still being created: end it once it exists.
  await phaseSettles((phase) => phase !== 'starting');
  if (isCallActive(get().phase)) await endCall();
  await phaseSettles((phase) => !isCallActive(phase));
}

function phaseSettles(done: (phase: CallPhase) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done(get().phase)) return resolve();
    const unsubscribe = useLiveCall.subscribe((state) => {
      if (!done(state.phase)) return;
      unsubscribe();
      resolve();
    });
  });
}

export function setMuted(muted: boolean): void {
  set({ muted });
  connection?.sendControl({ type: 'mute', muted });
}

/** Back to the start screen after a call ended or failed. */
export function resetCall(): void {
  if (isCallActive(get().phase)) return;
  connection = undefined;
  set({ ...initialLiveCallState, captureSource: get().captureSource });
}

/** Marks a card used or dismissed: over the socket while live, else through the API. */
export async function giveCardFeedback(cardId: string, feedback: CardFeedback): Promise<void> {
  const { callId, cards } = get();
  const card = cards.find((c) => c.cardId === cardId);
  if (!card || !callId) return;
  const previous = card.feedback;
  setCardFeedback(cardId, feedback);
  if (connection?.sendControl({ type: 'card.feedback', cardId, feedback })) return;
  try {
    await sendCardFeedback(callId, cardId, feedback);
  } catch (error) {
    setCardFeedback(cardId, previous);
    toastError('Could not record the feedback', error);
  }
}

function onConnectionState(state: ConnectionState, detail: { attempt: number; reason?: string }): void {
  set({ phase: state, attempt: detail.attempt, note: detail.reason ?? null });
  if (state === 'live') markOnce(PerformanceMark.live);
  if (state === 'ended' || state === 'failed') {
    forgetCall();
    void releaseCapture();
    set({ partials: [], levels: [] });
    connection = undefined;
  }
  if (state === 'failed') useToasts.getState().show('error', `The call stopped: ${detail.reason ?? 'connection failed'}`);
}

function onReady(message: ReadyMessage): void {
  applyReady(message);
  // The server's mute follows the rep's switch (it may have been flipped while disconnected).
  if (get().muted !== message.muted) connection?.sendControl({ type: 'mute', muted: get().muted });
}

function onMessage(message: ServerMessage): void {
  applyMessage(message, (what) => markOnce(what === 'card' ? PerformanceMark.firstCard : PerformanceMark.firstTranscript));
}

async function releaseCapture(): Promise<void> {
  const current = capture;
  capture = undefined;
  await current?.stop().catch((error: unknown) => console.warn('stopping the audio capture failed', error));
}
