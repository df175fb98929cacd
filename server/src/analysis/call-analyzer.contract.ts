import { beforeAll, describe, expect, it } from 'vitest';
import { callAnalysisSchema, callCategorySchema, type AnalysisTranscript, type CallAnalysis } from '@call-assist/shared';
import type { CallAnalyzer } from './call-analyzer.js';

/** A booked consult with a price objection the agent handles: the case every analyzer must get right. */
export const CONTRACT_TRANSCRIPT: AnalysisTranscript = {
  turns: [
    { speaker: 'agent', text: 'Thank you for calling Lakeside Skin Clinic, this is Maya, how can I help?' },
    { speaker: 'caller', text: "Hi, I'm interested in Botox for my forehead lines. How much does it cost?" },
    { speaker: 'agent', text: 'It is twelve dollars a unit, and most foreheads take about twenty units, so around two hundred forty.' },
    { speaker: 'caller', text: "Two hundred forty? Honestly that's more than I can afford right now." },
    { speaker: 'agent', text: 'I understand. We have a first visit special at twenty percent off, and payment plans of about forty a month.' },
    { speaker: 'caller', text: 'Oh, with the discount that works for me. Can I come in Thursday?' },
    { speaker: 'agent', text: 'I have Thursday at two. Can I get your name?' },
    { speaker: 'caller', text: "It's Dana Reyes." },
    { speaker: 'agent', text: "Thanks Dana, you're all set for your consultation Thursday at two with Doctor Lin. I'll text you a confirmation." },
    { speaker: 'caller', text: 'Great, thank you so much!' },
  ],
};

const CALLER_TURNS = CONTRACT_TRANSCRIPT.turns.filter((turn) => turn.speaker === 'caller').map((turn) => turn.text);

/**
 * Behaviour every `CallAnalyzer` must have, run against each implementation. `create` is called
 * once, and `analyze` once with `CONTRACT_TRANSCRIPT` (a scripted server can queue one answer).
 */
export function analyzerContract(name: string, create: () => CallAnalyzer | Promise<CallAnalyzer>): void {
  describe(`CallAnalyzer contract: ${name}`, () => {
    let analyzer: CallAnalyzer;
    let result: CallAnalysis;
    const input = structuredClone(CONTRACT_TRANSCRIPT);

    beforeAll(async () => {
      analyzer = await create();
      result = await analyzer.analyze(input);
    });

    it('has a name and leaves the transcript untouched', () => {
      expect(analyzer.name).toMatch(/\S/);
      expect(input).toEqual(CONTRACT_TRANSCRIPT);
    });

    it('returns an analysis that passes the shared schema, with one of the three categories', () => {
      expect(callAnalysisSchema.safeParse(result).error).toBeUndefined();
      expect(callCategorySchema.options).toContain(result.category);
    });

    it('quotes only exact caller words, from the caller turn it names', () => {
      for (const objection of result.objections) {
        expect(objection.callerTurn).not.toBeNull();
        expect(objection.callerTurn).toBeGreaterThanOrEqual(0);
        expect(objection.callerTurn).toBeLessThan(CALLER_TURNS.length);
        expect(CALLER_TURNS[objection.callerTurn!]).toContain(objection.quote);
      }
    });

    it('sees the booking and the handled price objection', () => {
      expect(result.category).toBe('consult_scheduled');
      expect(result.objections).toContainEqual(expect.objectContaining({ type: 'cost-value', callerTurn: 1, overcome: true }));
      expect(result.objections.find((objection) => objection.type === 'cost-value')?.how).not.toBe('');
    });
  });
}
