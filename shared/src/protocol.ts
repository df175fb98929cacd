/**
 * The live-call WebSocket protocol, defined once: every message in both directions is a zod schema
 * here and its type is `z.infer` of it. The server validates what clients send with these schemas,
 * the web client validates what the server sends with the same ones, and the README's protocol
 * tables are generated from them (`npm run docs:protocol`; a test fails when they drift).
 */
import { z } from 'zod';

export * from './close-codes.js';

/** Version of the live-call WebSocket protocol; sent by the client in `hello`. */
export const PROTOCOL_VERSION = 2;

/** Versions the server speaks: 1 (one channel) and 2 (one or two interleaved channels). */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1, 2];

/** The only audio format the gateway accepts: 16 kHz PCM16 little-endian, one or two interleaved channels. */
export const AUDIO_SAMPLE_RATE_HZ = 16_000;

/** Channels a call may have: the rep's microphone, and (v2) the other party. */
export const MAX_AUDIO_CHANNELS = 2;

/** Largest binary audio frame of a one-channel call (2 s of 16 kHz PCM16); larger frames close with `frameTooLarge`. */
export const MAX_AUDIO_FRAME_BYTES = 64 * 1024;

/** Largest audio frame of a call with `channels` channels: 2 s of audio, whatever the channel count. */
export const maxAudioFrameBytes = (channels: number) => MAX_AUDIO_FRAME_BYTES * channels;

/** Largest text control frame accepted. */
export const MAX_CONTROL_FRAME_BYTES = 4 * 1024;

/** Who spoke, where the channel layout or the engine's diarization tells. */
export const Speaker = { caller: 'caller', agent: 'agent', any: 'any' } as const;
export type Speaker = (typeof Speaker)[keyof typeof Speaker];
export const speakerSchema = z.enum(['caller', 'agent', 'any']);

/** Who a channel carries: the rep (`agent`) or the other party (`caller`). */
export const channelRoleSchema = z.enum(['agent', 'caller']);
export type ChannelRole = z.infer<typeof channelRoleSchema>;

/** Channel 0 is the rep's microphone, channel 1 the other party, unless `channelRoles` says otherwise. */
export const DEFAULT_CHANNEL_ROLES: readonly ChannelRole[] = ['agent', 'caller'];

/** Who each of a call's channels carries: as given, else the default for two channels; one channel unlabelled (`any`). */
export function channelSpeakers(channels: number, roles?: readonly ChannelRole[]): Speaker[] {
  if (roles) return [...roles];
  return channels === 1 ? ['any'] : DEFAULT_CHANNEL_ROLES.slice(0, channels);
}

/** What a rep says of a card: it was used in the conversation, or dismissed. */
export const cardFeedbackSchema = z.enum(['used', 'dismissed']);
export type CardFeedback = z.infer<typeof cardFeedbackSchema>;

const callId = z.string().describe('the call');
const ms = (what: string) => z.number().describe(what);

// ---- client → server (the rep's socket; a watcher sends nothing) ---------------------------------

/** First text frame on a rep socket. Audio sent before `ready` is buffered (up to 10 s). */
export const helloMessageSchema = z
  .object({
    type: z.literal('hello'),
    protocolVersion: z.number().int().describe('1 or 2; another version closes with 4409'),
    sampleRate: z.literal(AUDIO_SAMPLE_RATE_HZ).describe('Hz of the binary audio frames'),
    encoding: z.literal('pcm16').describe('little-endian signed 16-bit samples'),
    channels: z
      .union([z.literal(1), z.literal(2)])
      .describe('1, or 2 (v2): interleaved, sample i of channel c at index i × channels + c; a call keeps the count it started with'),
    channelRoles: z
      .array(channelRoleSchema)
      .min(1)
      .max(MAX_AUDIO_CHANNELS)
      .optional()
      .describe('who each channel is (v2), one per channel; two channels default to ["agent", "caller"], one channel is unlabelled unless given'),
    resume: z
      .boolean()
      .optional()
      .describe('on a reconnect: take the call over even from a socket the server still holds (that one closes with 4423)'),
    lastSeq: z.number().int().min(0).optional().describe('the last `transcript.final` seq this client holds: `ready` carries only later finals'),
    lastCardId: z.string().uuid().optional().describe('the last `card` this client holds: `ready` carries only cards fired after it'),
  })
  .describe('First text frame on the rep socket; the server answers `ready` or closes with a code.');
export type HelloMessage = z.infer<typeof helloMessageSchema>;

export const cardFeedbackMessageSchema = z
  .object({ type: z.literal('card.feedback'), cardId: z.string().uuid(), feedback: cardFeedbackSchema })
  .describe('The rep used or dismissed a card. Announced to every socket on the call; a card this call never fired gets `error` `unknown_card`.');
export type CardFeedbackMessage = z.infer<typeof cardFeedbackMessageSchema>;

export const muteMessageSchema = z
  .object({ type: z.literal('mute'), muted: z.boolean() })
  .describe("While muted the server records silence on the rep's channel (every channel but a `caller` one) and recognises nothing there; the span is stored with the call. Keep sending frames (the pane sends zeros) so audio time goes on.");
export type MuteMessage = z.infer<typeof muteMessageSchema>;

export const endMessageSchema = z
  .object({ type: z.literal('end') })
  .describe('Ends the call: the engine is flushed, the last finals and cards are sent, then `call.ended`, then close 1000.');

/** Control messages valid after `ready`. */
export const controlMessageSchema = z.discriminatedUnion('type', [cardFeedbackMessageSchema, muteMessageSchema, endMessageSchema]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;

/** Every message a client sends, for documentation (the server parses `hello` first, then `controlMessageSchema`). */
export const clientMessageSchemas = [helloMessageSchema, cardFeedbackMessageSchema, muteMessageSchema, endMessageSchema] as const;

// ---- server → client (the rep's socket and every watcher) ---------------------------------------

const channel = z.number().int().min(0).optional().describe('the audio channel it was heard on (two-channel calls)');
const speaker = speakerSchema.optional().describe("the channel's role, where the call says it");

export const transcriptPartialMessageSchema = z
  .object({
    type: z.literal('transcript.partial'),
    callId,
    text: z.string().describe('empty when the engine took its hypothesis back'),
    startMs: ms('call-audio time the utterance began'),
    endMs: ms('call-audio time the hypothesis reaches'),
    channel,
    speaker,
  })
  .describe("Interim hypothesis of the utterance in progress on its channel; replaces that channel's previous partial.");
export type TranscriptPartialMessage = z.infer<typeof transcriptPartialMessageSchema>;

export const transcriptFinalMessageSchema = z
  .object({
    type: z.literal('transcript.final'),
    callId,
    seq: z.number().int().describe('0, 1, 2, … without gap or repeat over the whole call'),
    text: z.string(),
    startMs: ms('call-audio ms'),
    endMs: ms('call-audio ms'),
    channel,
    speaker,
  })
  .describe("Final text of one utterance; closes it (the channel's next partial begins a new one). Finals of both channels come in order of audio time.");
export type TranscriptFinalMessage = z.infer<typeof transcriptFinalMessageSchema>;

export const cardMessageSchema = z
  .object({
    type: z.literal('card'),
    callId,
    cardId: z.string(),
    talkingPointId: z.string(),
    title: z.string(),
    body: z.string(),
    phrase: z.string().describe('the trigger phrase as the admin wrote it'),
    audioMs: ms('call-audio time at which the phrase was heard'),
    latencyMs: ms('transcript event received → card sent'),
    audioToCardMs: ms('the audio completing the phrase arrived at the gateway → card sent'),
    source: z.enum(['partial', 'final']).describe('whether a partial or a final fired it'),
  })
  .describe('A talking point triggered by a phrase heard in the call; fires once (cooldown per talking point), never retracted.');
export type CardMessage = z.infer<typeof cardMessageSchema>;

/** A card already fired, as `ready` carries it, with the rep's feedback so far. */
export const resumedCardSchema = cardMessageSchema.extend({ feedback: cardFeedbackSchema.nullable() });
export type ResumedCard = z.infer<typeof resumedCardSchema>;

export const cardFeedbackRecordedMessageSchema = z
  .object({
    type: z.literal('card.feedback'),
    callId,
    cardId: z.string(),
    feedback: cardFeedbackSchema,
    at: z.string().describe('when it was recorded (ISO 8601)'),
  })
  .describe('The rep marked a card used or dismissed (on the socket or `POST /api/calls/:id/cards/:cardId/feedback`, on any gateway).');
export type CardFeedbackRecordedMessage = z.infer<typeof cardFeedbackRecordedMessageSchema>;

/** A stretch of call audio the rep had muted: silent in the recording, nothing recognised. */
export const mutedSpanSchema = z.object({ startMs: z.number(), endMs: z.number().nullable().describe('null while still muted') });
export type MutedSpan = z.infer<typeof mutedSpanSchema>;

export const callMutedMessageSchema = z
  .object({ type: z.literal('call.muted'), callId, muted: z.boolean(), atMs: ms('call-audio time of the change') })
  .describe('The rep muted or unmuted (every socket on the call hears it).');
export type CallMutedMessage = z.infer<typeof callMutedMessageSchema>;

export const readyMessageSchema = z
  .object({
    type: z.literal('ready'),
    callId,
    protocolVersion: z.number().int(),
    role: z.enum(['rep', 'watch']).describe('`rep`: this socket streams the call; `watch`: read-only'),
    provider: z.string().nullable().describe('speech engine serving the call (`local`, `deepgram`, `whisperlive`); null before it started'),
    maxFrameBytes: z.number().int().optional().describe('largest audio frame accepted (rep)'),
    channels: z.number().int().describe('audio channels of the call'),
    channelRoles: z.array(speakerSchema).describe('who each channel is (`any`: unlabelled)'),
    resumed: z.boolean().describe('the call was already streaming before this socket (same seq, audio time and fired cards)'),
    audioMs: ms('call audio the server holds: a resuming client resends its audio from here'),
    finals: z.array(transcriptFinalMessageSchema).describe('the finals so far (after `lastSeq`)'),
    cards: z.array(resumedCardSchema).describe('the cards fired so far (after `lastCardId`), with their feedback'),
    feedback: z
      .array(cardFeedbackRecordedMessageSchema.omit({ type: true, callId: true }))
      .describe('the feedback recorded on every card of the call, older cards included'),
    muted: z.boolean().describe('whether the rep has the call muted now'),
    mutedSpans: z.array(mutedSpanSchema).describe('the stretches muted so far (`endMs` null while muted)'),
  })
  .describe('Answer to `hello` (rep) or the first message of a watcher: the call so far; live messages follow, each exactly once.');
export type ReadyMessage = z.infer<typeof readyMessageSchema>;

export const callEndedMessageSchema = z.object({ type: z.literal('call.ended'), callId }).describe('The call is over; the socket closes 1000 next.');
export type CallEndedMessage = z.infer<typeof callEndedMessageSchema>;

export const statusMessageSchema = z
  .object({
    type: z.literal('status'),
    callId,
    code: z.literal('provider.switched'),
    provider: z.string().describe('the speech engine now serving the call'),
    message: z.string(),
  })
  .describe('Something the rep should know that does not end the call: the speech engine changed.');
export type StatusMessage = z.infer<typeof statusMessageSchema>;

export const errorMessageSchema = z
  .object({ type: z.literal('error'), code: z.string(), message: z.string() })
  .describe('A request failed without closing the socket (`unknown_card`), or the engine failed (`engine_failed`, then `call.ended`).');
export type ErrorMessage = z.infer<typeof errorMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('type', [
  readyMessageSchema,
  transcriptPartialMessageSchema,
  transcriptFinalMessageSchema,
  cardMessageSchema,
  cardFeedbackRecordedMessageSchema,
  callMutedMessageSchema,
  callEndedMessageSchema,
  statusMessageSchema,
  errorMessageSchema,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageType = ServerMessage['type'];

const serverTypes: ReadonlySet<string> = new Set(serverMessageSchema.options.map((option) => option.shape.type.value));

export type ParsedServerMessage =
  | { ok: true; message: ServerMessage }
  /** `unknown`: a type this client does not know (a newer server: ignore it); `invalid`: not JSON, or a known type in the wrong shape. */
  | { ok: false; reason: 'unknown' | 'invalid'; detail: string };

/** Parses a server text frame with the protocol's schemas; unknown types are reported apart, to be ignored. */
export function parseServerMessage(text: string): ParsedServerMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'invalid', detail: 'not JSON' };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !serverTypes.has(type)) return { ok: false, reason: 'unknown', detail: `type ${JSON.stringify(type)}` };
  const parsed = serverMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  return { ok: false, reason: 'invalid', detail: `${type}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}` };
}
