import { cardFeedbackRecordedMessageSchema, cardFeedbackSchema, serverMessageSchema } from '@call-assist/shared';
import { z } from 'zod';
import { callSnapshotSchema } from './call-log.js';

/**
 * What gateways say to each other about a live call, over the bus. The gateway running the call
 * publishes its messages on `call:<id>` as envelopes — `e`: this run of the room (a new one after a
 * handover), `n`: the message's number in it — so a gateway relaying them to its watchers notices a
 * missed message (a gap, or a heartbeat ahead of it) and asks for a snapshot. Requests go to
 * `room:<id>`, served by the gateway running the call.
 */
export const envelopeSchema = z.object({
  e: z.string(),
  n: z.number().int().min(0),
  /** The message; absent in a heartbeat, which only says how many there were. */
  m: serverMessageSchema.optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const roomRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot') }),
  z.object({ type: z.literal('feedback'), cardId: z.string(), feedback: cardFeedbackSchema }),
]);
export type RoomRequest = z.infer<typeof roomRequestSchema>;

export const snapshotReplySchema = z.object({ epoch: z.string(), n: z.number().int(), snapshot: callSnapshotSchema });
export type SnapshotReply = z.infer<typeof snapshotReplySchema>;

/** `recorded: null`: the call never fired that card. */
export const feedbackReplySchema = z.object({ recorded: cardFeedbackRecordedMessageSchema.nullable() });
export type FeedbackReply = z.infer<typeof feedbackReplySchema>;

/** An envelope around an already-serialised message, without parsing it again. */
export const envelopeText = (epoch: string, n: number, payload?: string) => (payload === undefined ? `{"e":"${epoch}","n":${n}}` : `{"e":"${epoch}","n":${n},"m":${payload}}`);
