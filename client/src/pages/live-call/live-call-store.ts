import type { CardMessage, Speaker } from '@call-assist/shared';
import { create } from 'zustand';
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
  partial: { text: string; startMs: number; endMs: number } | null;
  /** Newest first. */
  cards: LiveCard[];
  /** Input level of the last frame, 0..1 (RMS, scaled for display). */
  level: number;
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
  partial: null,
  cards: [],
  level: 0,
  muted: false,
  deviceLabel: null,
  resumable: null,
};

/** The live call's state, kept outside the page so navigating to another screen does not drop the call. */
export const useLiveCall = create<LiveCallState>()(() => {
  const saved = savedCall();
  return { ...initialLiveCallState, resumable: saved && { callId: saved.callId } };
});

/** Phases in which a call holds the microphone and the socket. */
export const isCallActive = (phase: CallPhase) => phase === 'starting' || phase === 'connecting' || phase === 'live' || phase === 'reconnecting' || phase === 'ending';

/** Adds finals in order of `seq`, ignoring ones already held (a resumed socket may repeat them). */
export function mergeFinals(current: TranscriptLine[], incoming: TranscriptLine[]): TranscriptLine[] {
  const seen = new Set(current.map((line) => line.seq));
  const added = incoming.filter((line) => !seen.has(line.seq));
  if (added.length === 0) return current;
  return [...current, ...added].sort((a, b) => a.seq - b.seq);
}

/** Adds cards newest first (by call-audio time), ignoring ones already held. */
export function mergeCards(current: LiveCard[], incoming: LiveCard[]): LiveCard[] {
  const seen = new Set(current.map((card) => card.cardId));
  const added = incoming.filter((card) => !seen.has(card.cardId));
  if (added.length === 0) return current;
  return [...added, ...current].sort((a, b) => b.audioMs - a.audioMs);
}
