import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { callCategorySchema, objectionTypeSchema, sentimentSchema, speakerRoleSchema, type AnalysisTranscript } from '@call-assist/shared';

/** One reference objection as the corpus labels it. */
export const labeledObjectionSchema = z.object({
  type: objectionTypeSchema,
  /**
   * Where the quote is. The corpus README calls it the caller-turn index, but the dev file counts
   * all turns; `resolveCallerTurn` accepts either and checks the quote is really there.
   */
  turn: z.number().int().min(0),
  quote: z.string().min(1),
  overcome: z.boolean(),
  how: z.string(),
});
export type LabeledObjection = z.infer<typeof labeledObjectionSchema>;

/** One call of a labeled corpus file (`shared/corpus/calls-dev.json` format). */
export const labeledCallSchema = z.object({
  id: z.string(),
  turns: z.array(z.object({ speaker: speakerRoleSchema, text: z.string() })),
  labels: z.object({
    category: callCategorySchema,
    objections: z.array(labeledObjectionSchema),
    sentiment: sentimentSchema,
    summary: z.string().optional(),
    action_items: z.array(z.string()).optional(),
  }),
});
export type LabeledCall = z.infer<typeof labeledCallSchema>;

export const labeledCorpusSchema = z.object({ calls: z.array(labeledCallSchema) });

/** Reads and validates a labeled corpus file. */
export async function loadLabeledCorpus(path: string): Promise<LabeledCall[]> {
  const raw: unknown = JSON.parse(await readFile(path, 'utf8'));
  return labeledCorpusSchema.parse(raw).calls;
}

/** The call as an analyzer sees it. */
export function transcriptOf(call: LabeledCall): AnalysisTranscript {
  return { turns: call.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text })) };
}

/** The caller's turns' text, in order. */
export function callerTexts(call: Pick<LabeledCall, 'turns'>): string[] {
  return call.turns.filter((turn) => turn.speaker === 'caller').map((turn) => turn.text);
}

/**
 * The caller-turn index a labeled objection refers to: its `turn` read as an index into all turns,
 * then as a caller-turn index, then the first caller turn holding the quote; null if none does.
 */
export function resolveCallerTurn(call: Pick<LabeledCall, 'turns'>, objection: Pick<LabeledObjection, 'turn' | 'quote'>): number | null {
  const turn = call.turns[objection.turn];
  if (turn?.speaker === 'caller' && turn.text.includes(objection.quote)) {
    return call.turns.slice(0, objection.turn).filter((earlier) => earlier.speaker === 'caller').length;
  }
  const texts = callerTexts(call);
  if (texts[objection.turn]?.includes(objection.quote)) return objection.turn;
  const found = texts.findIndex((text) => text.includes(objection.quote));
  return found >= 0 ? found : null;
}
