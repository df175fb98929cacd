/**
 * Runs the live call: microphone → socket → store. Lives outside React so the call survives
 * navigation between screens; the page only renders the store and calls these actions.
 */
import { AUDIO_SAMPLE_RATE_HZ, type CardMessage, type HelloMessage, type ReadyMessage, type ServerMessage } from '@call-assist/shared';
import { sendCardFeedback } from '../../api/calls';
import { ApiRequestError } from '../../api/http';
import { callSocketUrl, createLiveCall, fetchCallToken } from '../../api/live-calls';
import { toastError, useToasts } from '../../ui/toasts';
import { startMicCapture, type CapturedFrame, type MicCapture } from './audio/mic-capture';
import { CallConnection, CallUnavailableError, type ConnectionState } from './call-connection';
import { forgetCall, saveCall, savedCall } from './saved-call';
import { initialLiveCallState, isCallActive, useLiveCall, withCards, withFinals, type CallPhase, type CardFeedback, type LiveCard } from './live-call-store';

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

let mic: MicCapture | undefined;
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
  // RMS of speech sits around 0.05–0.3; the square root spreads it over the meter.
  // Muted: silence of the same length goes instead (nothing said leaves the page), so the call's
  // audio time goes on and a reconnect resends from the right place.
  const pcm = get().muted ? new Int16Array(frame.pcm.length) : frame.pcm;
  set((state) => ({ callAudioMs: state.callAudioMs + (pcm.length * 1000) / AUDIO_SAMPLE_RATE_HZ, ...(!state.muted && { level: Math.min(1, Math.sqrt(frame.rms) * 1.4) }) }));
  if (connection) {
    markOnce(PerformanceMark.audioStarted);
    connection.sendAudio(pcm);
  } else if (earlyFrames.length < MAX_EARLY_FRAMES) earlyFrames.push(pcm);
}

// Closing or reloading the tab mid-call would end it: ask first.
window.addEventListener('beforeunload', (event) => {
  if (isCallActive(get().phase)) event.preventDefault();
});

/** Opens the microphone, creates the call and connects its socket. */
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
  set({ ...initialLiveCallState, phase: 'starting' });
  earlyFrames = [];
  marked = new Set();
  try {
    mic = await startMicCapture(onFrame);
    set({ deviceLabel: mic.deviceLabel });
    const call = await getCall();
    set({ callId: call.callId, phase: 'connecting' });
    connection = new CallConnection(socketUrls(call.callId, call.firstToken), { onState: onConnectionState, onReady, onMessage, position }, { resume: call.resume });
    for (const pcm of earlyFrames) connection.sendAudio(pcm);
    earlyFrames = [];
  } catch (error) {
    await releaseMic();
    forgetCall();
    set({ phase: 'failed', note: error instanceof Error ? error.message : String(error) });
    toastError('Could not start the call', error);
  }
}

/** Ends the call: the microphone stops at once; the transcript's last words still arrive. */
export async function endCall(): Promise<void> {
  await releaseMic();
  set({ level: 0 });
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
  set({ muted, ...(muted && { level: 0 }) });
  connection?.sendControl({ type: 'mute', muted });
}

/** Back to the start screen after a call ended or failed. */
export function resetCall(): void {
  if (isCallActive(get().phase)) return;
  connection = undefined;
  set({ ...initialLiveCallState });
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

function setCardFeedback(cardId: string, feedback: CardFeedback | null): void {
  set((state) => ({ cards: state.cards.map((card) => (card.cardId === cardId ? { ...card, feedback } : card)) }));
}

function onConnectionState(state: ConnectionState, detail: { attempt: number; reason?: string }): void {
  set({ phase: state, attempt: detail.attempt, note: detail.reason ?? null });
  if (state === 'live') markOnce(PerformanceMark.live);
  if (state === 'ended' || state === 'failed') {
    forgetCall();
    void releaseMic();
    set({ partial: null, level: 0 });
    connection = undefined;
  }
  if (state === 'failed') useToasts.getState().show('error', `The call stopped: ${detail.reason ?? 'connection failed'}`);
}

/** What this page holds of the call, so a reconnect's `ready` carries only what it lacks. */
function position(): Pick<HelloMessage, 'lastSeq' | 'lastCardId'> {
  const { finals, lastCardId } = get();
  return { ...(finals.length > 0 && { lastSeq: finals.at(-1)!.seq }), ...(lastCardId && { lastCardId }) };
}

function onReady(message: ReadyMessage): void {
  // After a reload the call already had audio before this page.
  set((state) => ({ provider: message.provider, mutedSpans: message.mutedSpans, callAudioMs: Math.max(state.callAudioMs, message.audioMs) }));
  // The server's mute follows the rep's switch (it may have been flipped while disconnected).
  if (get().muted !== message.muted) connection?.sendControl({ type: 'mute', muted: get().muted });
  // The call so far after what this page holds (all of it after a reload), and the feedback on every card.
  const finals = message.finals.map(({ seq, text, startMs, endMs, speaker }) => ({ seq, text, startMs, endMs, speaker }));
  const cards = message.cards.map((card) => ({ ...toLiveCard(card, card.feedback), context: contextFor(card.audioMs) }));
  const feedbackOf = new Map(message.feedback.map((entry) => [entry.cardId, entry.feedback]));
  set((state) => ({
    finals: withFinals(state.finals, finals),
    cards: withCards(state.cards, cards).map((card) => (feedbackOf.has(card.cardId) ? { ...card, feedback: feedbackOf.get(card.cardId)! } : card)),
    lastCardId: message.cards.at(-1)?.cardId ?? state.lastCardId,
  }));
}

function onMessage(message: ServerMessage): void {
  switch (message.type) {
    case 'transcript.partial':
      markOnce(PerformanceMark.firstTranscript);
      set({ partial: { text: message.text, startMs: message.startMs, endMs: message.endMs } });
      return;
    case 'transcript.final': {
      markOnce(PerformanceMark.firstTranscript);
      const { seq, text, startMs, endMs, speaker } = message;
      set((state) => ({ finals: withFinals(state.finals, [{ seq, text, startMs, endMs, speaker }]), partial: null }));
      return;
    }
    case 'card':
      markOnce(PerformanceMark.firstCard);
      set((state) => ({ cards: withCards(state.cards, [{ ...toLiveCard(message, null), context: contextFor(message.audioMs) }]), lastCardId: message.cardId }));
      return;
    case 'call.muted':
      set((state) => ({
        mutedSpans: message.muted
          ? [...state.mutedSpans, { startMs: message.atMs, endMs: null }]
          : state.mutedSpans.map((span, index, spans) => (index === spans.length - 1 && span.endMs === null ? { ...span, endMs: message.atMs } : span)),
      }));
      return;
    case 'card.feedback':
      // Feedback recorded elsewhere (another window, or the API) shows here too.
      setCardFeedback(message.cardId, message.feedback);
      return;
    case 'status':
      set({ provider: message.provider });
      useToasts.getState().show('info', message.message);
      return;
    case 'error':
      useToasts.getState().show('error', message.message);
      return;
    case 'ready':
    case 'call.ended':
      return;
    default:
      message satisfies never;
  }
}

function toLiveCard(card: CardMessage, feedback: CardFeedback | null): LiveCard {
  const { type, callId, cardId, talkingPointId, title, body, phrase, audioMs, latencyMs, audioToCardMs, source } = card;
  return { type, callId, cardId, talkingPointId, title, body, phrase, audioMs, latencyMs, audioToCardMs, source, context: '', feedback };
}

/** The words heard around a card: the open utterance, or the final that covers its audio time. */
function contextFor(audioMs: number): string {
  const { partial, finals } = get();
  if (partial && partial.startMs <= audioMs + 500) return partial.text;
  const covering = finals.findLast((line) => line.startMs <= audioMs && audioMs <= line.endMs + 1_000);
  return covering?.text ?? partial?.text ?? finals.at(-1)?.text ?? '';
}

async function releaseMic(): Promise<void> {
  const current = mic;
  mic = undefined;
  await current?.stop().catch((error: unknown) => console.warn('stopping the microphone failed', error));
}
