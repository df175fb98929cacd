import { z } from 'zod';

const wordSchema = z.object({
  word: z.string(),
  start: z.number(),
  end: z.number(),
  confidence: z.number().optional(),
  punctuated_word: z.string().optional(),
  speaker: z.number().optional(),
});

/** A transcript span: interim (`is_final` false, will be replaced) or final for its time range. */
export const resultsSchema = z.object({
  type: z.literal('Results'),
  /** `[channel, channels]`. */
  channel_index: z.array(z.number().int()).optional(),
  start: z.number(),
  duration: z.number(),
  is_final: z.boolean().optional(),
  speech_final: z.boolean().optional(),
  from_finalize: z.boolean().optional(),
  channel: z.object({
    alternatives: z.array(z.object({ transcript: z.string(), words: z.array(wordSchema).default([]) })),
  }),
});

export const utteranceEndSchema = z.object({ type: z.literal('UtteranceEnd'), channel: z.array(z.number().int()).optional(), last_word_end: z.number().optional() });
export const metadataSchema = z.object({ type: z.literal('Metadata'), request_id: z.string().optional() });
export const speechStartedSchema = z.object({ type: z.literal('SpeechStarted'), timestamp: z.number().optional() });

export const serverMessageSchema = z.discriminatedUnion('type', [resultsSchema, utteranceEndSchema, metadataSchema, speechStartedSchema]);

export type DeepgramResults = z.infer<typeof resultsSchema>;
export type DeepgramServerMessage = z.infer<typeof serverMessageSchema>;

/**
 * Validates a message from Deepgram's live endpoint. Unknown message types (Deepgram adds them
 * over time) come back as undefined and are ignored, as is anything malformed.
 */
export function parseServerMessage(data: unknown): DeepgramServerMessage | undefined {
  const parsed = serverMessageSchema.safeParse(typeof data === 'string' ? safeJson(data) : data);
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
