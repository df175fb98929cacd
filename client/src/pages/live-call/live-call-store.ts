import type { CardMessage, MutedSpan, Speaker } from '@call-assist/shared';
import { create } from 'zustand';
import { savedCaptureSource, type CaptureSource } from './audio/capture-source';
import type { ConnectionState } from './call-connection';
import { savedCall } from './saved-call';

export type CallPhase = 'idle' | 'starting' | ConnectionState;
export type CardFeedback = 'used' | 'dismissed';

export interface TranscriptLine {
  seq: number;
  text: string;
  startMs: number;
  endMs: number;
  speaker?: Speaker | undefined;
}

/** The utterance in progress on one channel. */
export interface LivePartial {
  text: string;
  startMs: number;
  endMs: number;
  speaker?: Speaker | undefined;
}

export interface LiveCard extends CardMessage {
  /** The utterance as heard when the card fired, to show the phrase in its context. */
  context: string;
  feedback: CardFeedback | null;
}

export interface LiveCallState {
  phase: CallPhase;
  callId: string | null;
  /** Speech engine serving the call. */
  provider: string | null;
  /** Reconnect attempt under way (0 when connected). */
  attempt: number;
  /** Why the call ended or failed, or what the connection is doing. */
  note: string | null;
  finals: TranscriptLine[];
  /** The utterance in progress, per channel (0: the rep's microphone, 1: the caller). */
  partials: (LivePartial | null)[];
  /** Newest first. */
  cards: LiveCard[];
  /** The last card received, in firing order: a reconnect asks only for cards after it. */
  lastCardId: string | null;
  /** Stretches of the call the rep muted (`endMs` null while muted). */
  mutedSpans: MutedSpan[];
  /** Input level of the last frame per channel, 0..1 (RMS, scaled for display). */
  levels: number[];
  /** What the pane listens to (chosen before the call, remembered in this browser). */
  captureSource: CaptureSource;
  /** Channels of the call in progress (1: the microphone; 2: and the caller). */
  channels: 1 | 2;
  /** The caller's input, when captured. */
  callerLabel: string | null;
  /** Call time: audio captured for the call so far, muted stretches included (ms). */
  callAudioMs: number;
  muted: boolean;
  deviceLabel: string | null;
  /** A call this tab had before a reload, which can be resumed. */
  resumable: { callId: string } | null;
}

export const initialLiveCallState: LiveCallState = {
  phase: 'idle',
  callId: null,
  provider: null,
  attempt: 0,
  note: null,
  finals: [],
  partials: [],
  cards: [],
  lastCardId: null,
  mutedSpans: [],
  levels: [],
  captureSource: { kind: 'mic' },
  channels: 1,
  callerLabel: null,
  callAudioMs: 0,
  muted: false,
  deviceLabel: null,
  resumable: null,
};

/** The live call's state, kept outside the page so navigating to another screen does not drop the call. */
export const useLiveCall = create<LiveCallState>()(() => {
  const saved = savedCall();
  return { ...initialLiveCallState, captureSource: savedCaptureSource(), resumable: saved && { callId: saved.callId } };
});

/** Phases in which a call holds the microphone and the socket. */
export const isCallActive = (phase: CallPhase) => phase === 'starting' || phase === 'connecting' || phase === 'live' || phase === 'reconnecting' || phase === 'ending';

/** Adds finals in order of `seq`. The server sends each exactly once (a resumed socket only what this page lacks). */
export function withFinals(current: TranscriptLine[], incoming: TranscriptLine[]): TranscriptLine[] {
  if (incoming.length === 0) return current;
  return [...current, ...incoming].sort((a, b) => a.seq - b.seq);
}

/** Adds cards newest first (by call-audio time); each arrives exactly once. */
export function withCards(current: LiveCard[], incoming: LiveCard[]): LiveCard[] {
  if (incoming.length === 0) return current;
  return [...incoming, ...current].sort((a, b) => b.audioMs - a.audioMs);
}
