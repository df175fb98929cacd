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
});
export type HelloMessage = z.infer<typeof helloMessageSchema>;

/** Rep feedback on a card: it was used in the conversation, or dismissed. */
export const cardFeedbackMessageSchema = z.object({
  type: z.literal('card.feedback'),
  cardId: z.string().uuid(),
  feedback: z.enum(['used', 'dismissed']),
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

export interface ReadyMessage {
  type: 'ready';
  callId: string;
  protocolVersion: number;
  /** Speech engine serving this call (`local`, `deepgram`, `whisperlive`). */
  provider: string;
  maxFrameBytes: number;
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
  | CallEndedMessage
  | StatusMessage
  | ErrorMessage;
