/**
 * What the live pane does with each server message: the store is the pane's view of the call.
 * `ready` (a new socket) brings what the page does not hold yet; every later message arrives once.
 */
import type { CardMessage, HelloMessage, ReadyMessage, ServerMessage } from '@call-assist/shared';
import { useToasts } from '../../ui/toasts';
import { useLiveCall, withCards, withFinals, type CardFeedback, type LiveCard } from './live-call-store';

const set = useLiveCall.setState;
const get = useLiveCall.getState;

/** What this page holds of the call, so a reconnect's `ready` carries only what it lacks. */
export function position(): Pick<HelloMessage, 'lastSeq' | 'lastCardId'> {
  const { finals, lastCardId } = get();
  return { ...(finals.length > 0 && { lastSeq: finals.at(-1)!.seq }), ...(lastCardId && { lastCardId }) };
}

/** `ready`: the call so far after what this page holds (all of it after a reload), and the feedback on every card. */
export function applyReady(message: ReadyMessage): void {
  // After a reload the call already had audio before this page.
  set((state) => ({ provider: message.provider, mutedSpans: message.mutedSpans, callAudioMs: Math.max(state.callAudioMs, message.audioMs) }));
  const finals = message.finals.map(({ seq, text, startMs, endMs, speaker }) => ({ seq, text, startMs, endMs, speaker }));
  const cards = message.cards.map((card) => ({ ...toLiveCard(card, card.feedback), context: contextFor(card.audioMs) }));
  const feedbackOf = new Map(message.feedback.map((entry) => [entry.cardId, entry.feedback]));
  set((state) => ({
    finals: withFinals(state.finals, finals),
    cards: withCards(state.cards, cards).map((card) => (feedbackOf.has(card.cardId) ? { ...card, feedback: feedbackOf.get(card.cardId)! } : card)),
    lastCardId: message.cards.at(-1)?.cardId ?? state.lastCardId,
  }));
}

/** Every other message; `mark` notes the first transcript and card for the browser tests' figures. */
export function applyMessage(message: ServerMessage, mark: (what: 'transcript' | 'card') => void): void {
  switch (message.type) {
    case 'transcript.partial': {
      mark('transcript');
      const { text, startMs, endMs, speaker } = message;
      setPartial(message.channel ?? 0, text === '' ? null : { text, startMs, endMs, speaker });
      return;
    }
    case 'transcript.final': {
      mark('transcript');
      const { seq, text, startMs, endMs, speaker } = message;
      set((state) => ({ finals: withFinals(state.finals, [{ seq, text, startMs, endMs, speaker }]) }));
      setPartial(message.channel ?? 0, null);
      return;
    }
    case 'card':
      mark('card');
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

export function setCardFeedback(cardId: string, feedback: CardFeedback | null): void {
  set((state) => ({ cards: state.cards.map((card) => (card.cardId === cardId ? { ...card, feedback } : card)) }));
}

function setPartial(channel: number, partial: ReturnType<typeof get>['partials'][number]): void {
  set((state) => {
    const partials = [...state.partials];
    partials[channel] = partial;
    return { partials };
  });
}

function toLiveCard(card: CardMessage, feedback: CardFeedback | null): LiveCard {
  const { type, callId, cardId, talkingPointId, title, body, phrase, audioMs, latencyMs, audioToCardMs, source } = card;
  return { type, callId, cardId, talkingPointId, title, body, phrase, audioMs, latencyMs, audioToCardMs, source, context: '', feedback };
}

/** The words heard around a card: an open utterance, or the final that covers its audio time. */
function contextFor(audioMs: number): string {
  const { partials, finals } = get();
  const open = partials.filter((partial) => partial !== null && partial !== undefined);
  const current = open.find((partial) => partial.startMs <= audioMs + 500 && audioMs <= partial.endMs + 500);
  if (current) return current.text;
  const covering = finals.findLast((line) => line.startMs <= audioMs && audioMs <= line.endMs + 1_000);
  return covering?.text ?? open[0]?.text ?? finals.at(-1)?.text ?? '';
}
