/**
 * Parsing of the live-call socket's server → client messages. Unknown types are ignored (the
 * server may be newer than this page during a rolling deploy); a known type in an unexpected shape
 * is dropped with a console warning rather than trusted.
 */
import {
  cardFeedbackSchema,
  speakerSchema,
  type CallEndedMessage,
  type CardFeedbackRecordedMessage,
  type CardMessage,
  type ErrorMessage,
  type ReadyMessage,
  type ResumedCard,
  type StatusMessage,
  type TranscriptFinalMessage,
  type TranscriptPartialMessage,
} from '@call-assist/shared';
import { z } from 'zod';

export const cardMessageSchema = z.object({
  type: z.literal('card'),
  callId: z.string(),
  cardId: z.string(),
  talkingPointId: z.string(),
  title: z.string(),
  body: z.string(),
  phrase: z.string(),
  audioMs: z.number(),
  latencyMs: z.number(),
  audioToCardMs: z.number(),
  source: z.enum(['partial', 'final']),
}) satisfies z.ZodType<CardMessage>;

const finalSchema = z.object({
  type: z.literal('transcript.final'),
  callId: z.string(),
  seq: z.number(),
  text: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  speaker: speakerSchema.optional(),
}) satisfies z.ZodType<TranscriptFinalMessage>;

/** Cards the server replays when a socket resumes a call, with the rep's feedback so far. */
const resumedCardSchema = cardMessageSchema.extend({ feedback: cardFeedbackSchema.nullable().optional() }) satisfies z.ZodType<ResumedCard>;

const readySchema = z.object({
  type: z.literal('ready'),
  callId: z.string(),
  protocolVersion: z.number(),
  provider: z.string(),
  maxFrameBytes: z.number(),
  resumed: z.boolean().optional(),
  cards: z.array(resumedCardSchema).optional(),
  finals: z.array(finalSchema).optional(),
  audioMs: z.number().optional(),
}) satisfies z.ZodType<ReadyMessage>;

const schemas = {
  ready: readySchema,
  'transcript.partial': z.object({
    type: z.literal('transcript.partial'),
    callId: z.string(),
    text: z.string(),
    startMs: z.number(),
    endMs: z.number(),
    speaker: speakerSchema.optional(),
  }) satisfies z.ZodType<TranscriptPartialMessage>,
  'transcript.final': finalSchema,
  card: cardMessageSchema,
  'card.feedback': z.object({
    type: z.literal('card.feedback'),
    callId: z.string(),
    cardId: z.string(),
    feedback: cardFeedbackSchema,
    at: z.string(),
  }) satisfies z.ZodType<CardFeedbackRecordedMessage>,
  'call.ended': z.object({ type: z.literal('call.ended'), callId: z.string() }) satisfies z.ZodType<CallEndedMessage>,
  status: z.object({
    type: z.literal('status'),
    callId: z.string(),
    code: z.string(),
    provider: z.string(),
    message: z.string(),
  }) satisfies z.ZodType<Omit<StatusMessage, 'code'> & { code: string }>,
  error: z.object({ type: z.literal('error'), code: z.string(), message: z.string() }) satisfies z.ZodType<ErrorMessage>,
};

type Schemas = typeof schemas;
/** A server message this client understands. */
export type KnownServerMessage = { [K in keyof Schemas]: z.infer<Schemas[K]> }[keyof Schemas];
export type ReadyServerMessage = z.infer<typeof readySchema>;

/** The message in a text frame, or undefined for anything this client does not know or cannot trust. */
export function parseServerMessage(text: string): KnownServerMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    console.warn('live-call socket: a text frame that is not JSON was ignored');
    return undefined;
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) return undefined;
  const parsed = schemas[type as keyof Schemas].safeParse(json);
  if (!parsed.success) {
    console.warn(`live-call socket: a "${type}" message in an unexpected shape was ignored`, parsed.error.issues);
    return undefined;
  }
  return parsed.data;
}
