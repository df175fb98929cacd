import { z } from 'zod';

/** What the call achieved: a consult booked (a specific time confirmed in the call), not booked, or another question. */
export const callCategorySchema = z.enum(['consult_scheduled', 'consult_not_scheduled', 'other_question']);
export type CallCategory = z.infer<typeof callCategorySchema>;

export const objectionTypeSchema = z.enum(['safety-risk', 'cost-value', 'timing', 'social-concerns', 'provider-trust', 'results-skepticism', 'other']);
export type ObjectionType = z.infer<typeof objectionTypeSchema>;

export const sentimentSchema = z.enum(['positive', 'neutral', 'negative', 'mixed']);
export type Sentiment = z.infer<typeof sentimentSchema>;

/** A concern the caller raised. */
export const objectionSchema = z.object({
  type: objectionTypeSchema,
  /** Exact substring of the caller's words where it becomes explicit. */
  quote: z.string().min(1).max(600),
  /** 0-based index among the caller's turns. */
  callerTurn: z.number().int().min(0).nullable(),
  /** The caller's next reaction shows the agent's handling resolved it. */
  overcome: z.boolean(),
  /** How the agent handled it; empty when it was ignored. */
  how: z.string().max(600),
});
export type Objection = z.infer<typeof objectionSchema>;

/** The result of analysing one call; the JSON schema given to LLMs is generated from this. */
export const callAnalysisSchema = z.object({
  category: callCategorySchema,
  categoryConfidence: z.number().min(0).max(1),
  objections: z.array(objectionSchema).max(20),
  summary: z.string().max(2_000),
  sentiment: sentimentSchema,
  /** Why the caller called, in a few words. */
  intent: z.string().max(200),
  tags: z.array(z.string().min(1).max(40)).max(20),
  actionItems: z.array(z.string().min(1).max(300)).max(20),
  keyPoints: z.array(z.string().min(1).max(300)).max(20),
});
export type CallAnalysis = z.infer<typeof callAnalysisSchema>;

export const speakerRoleSchema = z.enum(['agent', 'caller', 'unknown']);

/** A transcript as the analyzers read it: turns in order, each with its speaker's role if known. */
export const analysisTranscriptSchema = z.object({
  turns: z.array(z.object({ speaker: speakerRoleSchema, text: z.string(), startMs: z.number().optional(), endMs: z.number().optional() })),
});
export type AnalysisTranscript = z.infer<typeof analysisTranscriptSchema>;
