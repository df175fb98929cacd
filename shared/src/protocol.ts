import { z } from 'zod';

/** Version of the live-call WebSocket protocol; sent by the client in `hello`. */
export const PROTOCOL_VERSION = 1;

/** The only audio format the gateway accepts: 16 kHz mono PCM16 little-endian. */
export const AUDIO_SAMPLE_RATE_HZ = 16_000;

/** Largest binary audio frame accepted (2 s of 16 kHz PCM16); larger frames close with `frameTooLarge`. */
export const MAX_AUDIO_FRAME_BYTES = 64 * 1024;

/** Largest text control frame accepted. */
export const MAX_CONTROL_FRAME_BYTES = 4 * 1024;

/**
 * WebSocket close codes. `retryable` codes are the ones a client should reconnect after; the others
 * mean the same request would fail again.
 */
export const CloseCode = {
  normal: 1000,
  invalidMessage: 4400,
  unauthorized: 4401,
  unknownCall: 4404,
  versionMismatch: 4409,
  callEnded: 4410,
  frameTooLarge: 4413,
  callBusy: 4423,
  rateLimited: 4429,
  internalError: 4500,
  engineUnavailable: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting may succeed. */
export const RETRYABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.rateLimited,
  CloseCode.internalError,
  CloseCode.engineUnavailable,
]);

/** Who spoke, where the channel layout or the engine's diarization tells. */
export const Speaker = { caller: 'caller', agent: 'agent', any: 'any' } as const;
export type Speaker = (typeof Speaker)[keyof typeof Speaker];
export const speakerSchema = z.enum(['caller', 'agent', 'any']);

// ---- client → server -------------------------------------------------------------------------

/** First text frame on a live-call socket. Audio frames are refused until the server said `ready`. */
export const helloMessageSchema = z.object({
  type: z.literal('hello'),
  protocolVersion: z.number().int(),
  sampleRate: z.literal(AUDIO_SAMPLE_RATE_HZ),
  encoding: z.literal('pcm16'),
  channels: z.literal(1),
  /**
   * Set on a reconnect: take the call over even if the server still holds the previous socket (a
   * dropped network is often noticed by the client first). Without it, a call streaming from another
   * socket closes this one with `callBusy`; a call whose socket already dropped resumes either way.
   */
  resume: z.boolean().optional(),
});
export type HelloMessage = z.infer<typeof helloMessageSchema>;

/** What a rep says of a card: it was used in the conversation, or dismissed. */
export const cardFeedbackSchema = z.enum(['used', 'dismissed']);
export type CardFeedback = z.infer<typeof cardFeedbackSchema>;

/**
 * Rep feedback on a card: it was used in the conversation, or dismissed. Recorded on the card and
 * announced to every socket on the call (`card.feedback` from the server); a card this call never
 * fired gets an `error` with code `unknown_card` and the socket stays open.
 */
export const cardFeedbackMessageSchema = z.object({
  type: z.literal('card.feedback'),
  cardId: z.string().uuid(),
  feedback: cardFeedbackSchema,
});
export type CardFeedbackMessage = z.infer<typeof cardFeedbackMessageSchema>;

/** Mute pauses recognition (audio frames are then dropped by the client, not sent). */
export const muteMessageSchema = z.object({ type: z.literal('mute'), muted: z.boolean() });

/** Ends the call: the server flushes the engine, sends the last finals, `call.ended`, then closes 1000. */
export const endMessageSchema = z.object({ type: z.literal('end') });

/** Control messages valid after `ready`. */
export const controlMessageSchema = z.discriminatedUnion('type', [
  cardFeedbackMessageSchema,
  muteMessageSchema,
  endMessageSchema,
]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;

// ---- server → client -------------------------------------------------------------------------

/** A card already fired, as a resumed socket receives it again, with the rep's feedback so far. */
export type ResumedCard = CardMessage & { feedback?: CardFeedback | null };

export interface ReadyMessage {
  type: 'ready';
  callId: string;
  protocolVersion: number;
  /** Speech engine serving this call (`local`, `deepgram`, `whisperlive`). */
  provider: string;
  maxFrameBytes: number;
  /**
   * True when this socket resumed a call whose previous socket dropped (same call, transcript `seq`
   * and audio time continue, cards never fire twice). `cards` and `finals` then hold everything
   * fired and transcribed so far, so a reloaded page can rebuild its view; messages published while
   * the socket resumed may repeat some of them (deduplicate by `cardId` and `seq`).
   */
  resumed?: boolean;
  cards?: ResumedCard[];
  finals?: TranscriptFinalMessage[];
  /** Call audio received so far, in ms (a resumed call's audio continues from here). */
  audioMs?: number;
}

/** Interim hypothesis of the utterance in progress; replaced by the next partial or its final. */
export interface TranscriptPartialMessage {
  type: 'transcript.partial';
  callId: string;
  text: string;
  startMs: number;
  endMs: number;
  speaker?: Speaker;
}

/** Final text of one utterance, times in ms of call audio. */
export interface TranscriptFinalMessage {
  type: 'transcript.final';
  callId: string;
  seq: number;
  text: string;
  startMs: number;
  endMs: number;
  speaker?: Speaker;
}

/** A talking point triggered by a phrase heard in the call. */
export interface CardMessage {
  type: 'card';
  callId: string;
  cardId: string;
  talkingPointId: string;
  title: string;
  body: string;
  /** The trigger phrase as the admin wrote it. */
  phrase: string;
  /** Call audio time (ms) at which the phrase was recognised. */
  audioMs: number;
  /** Transcript event received → card published, in ms. */
  latencyMs: number;
  /** Audio that completed the phrase received by the gateway → card published, in ms. */
  audioToCardMs: number;
  /** Whether the transcript that fired it was a partial or a final. */
  source: 'partial' | 'final';
}

/** The rep marked a card used or dismissed (over the socket or the API). */
export interface CardFeedbackRecordedMessage {
  type: 'card.feedback';
  callId: string;
  cardId: string;
  feedback: CardFeedback;
  /** When it was recorded (ISO 8601). */
  at: string;
}

export interface CallEndedMessage {
  type: 'call.ended';
  callId: string;
}

/** Something the rep should know that does not end the call, e.g. the speech engine changed. */
export interface StatusMessage {
  type: 'status';
  callId: string;
  code: 'provider.switched';
  /** The speech engine now serving the call. */
  provider: string;
  message: string;
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
}

export type ServerMessage =
  | ReadyMessage
  | TranscriptPartialMessage
  | TranscriptFinalMessage
  | CardMessage
  | CardFeedbackRecordedMessage
  | CallEndedMessage
  | StatusMessage
  | ErrorMessage;
