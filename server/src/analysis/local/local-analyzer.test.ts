import { describe, expect, it } from 'vitest';
import { callAnalysisSchema } from '@call-assist/shared';
import { mono, script } from './fixtures/script.js';
import { LocalAnalyzer } from './local-analyzer.js';

const booked = script(
  'A: Thank you for calling Rosewood Aesthetics, this is Tia, how can I help?',
  "C: Hi, I'm thinking about lip filler. How much is it?",
  'A: A full syringe is six fifty, and first timers often start with half for three seventy five.',
  "C: Six fifty? Yikes, that's more than I wanted to spend.",
  'A: I understand. The half syringe is three seventy five, and we have payment plans at about sixty a month.',
  "C: Oh, half is a lot more doable. Okay, let's do it. What do you have Saturday?",
  'A: I have Saturday at ten. Can I get your name?',
  "C: It's Noa Berg.",
  "A: Thanks Noa, you're all set for Saturday at ten with Nurse Jade. I'll text you a confirmation and the aftercare sheet.",
  'C: Perfect, thank you so much!',
);

const declined = script(
  'A: Hi, is this Omar? This is Lu calling from Northgate Hair Clinic. You filled out our form about a hair transplant.',
  'C: Oh, yeah. Honestly I saw the price on your site and it is way out of my budget.',
  'A: We do offer financing, most people pay about two hundred a month.',
  "C: Nah, I don't want another monthly payment. I'll think about it.",
  'A: Okay, no problem, thanks for your time.',
);

describe('LocalAnalyzer', () => {
  const analyzer = new LocalAnalyzer();

  it('is named local and gives the same result for the same transcript', async () => {
    expect(analyzer.name).toBe('local');
    expect(await analyzer.analyze(booked)).toEqual(await analyzer.analyze(booked));
  });

  it('analyses a booked call: category, overcome objection, outcome in the summary, follow-ups', async () => {
    const result = callAnalysisSchema.parse(await analyzer.analyze(booked));
    expect(result.category).toBe('consult_scheduled');
    expect(result.objections).toEqual([
      expect.objectContaining({ type: 'cost-value', callerTurn: 1, overcome: true, how: expect.stringContaining('financing') }),
    ]);
    expect(booked.turns[3]!.text).toContain(result.objections[0]!.quote);
    expect(result.sentiment).toBe('positive');
    expect(result.summary).toMatch(/cost/);
    expect(result.summary).toContain('Saturday at ten');
    expect(result.intent).toBe('filler inquiry');
    expect(result.tags).toEqual(expect.arrayContaining(['consult_scheduled', 'cost-value', 'filler']));
    expect(result.actionItems.join(' ')).toContain('text the caller a confirmation');
    expect(result.keyPoints.some((point) => point.startsWith('Price quoted'))).toBe(true);
  });

  it('analyses a declined outbound follow-up: not scheduled, objection not overcome, follow-up action', async () => {
    const result = await analyzer.analyze(declined);
    expect(result.category).toBe('consult_not_scheduled');
    expect(result.objections).toEqual([expect.objectContaining({ type: 'cost-value', overcome: false })]);
    expect(result.sentiment).toBe('negative');
    expect(result.intent).toContain('outbound follow-up');
    expect(result.actionItems).toContain('follow up with the caller about booking a consult');
  });

  it('works from inferred roles when the speakers are unknown', async () => {
    const known = await analyzer.analyze(booked);
    const inferred = await analyzer.analyze(mono(booked));
    expect(inferred.category).toBe(known.category);
    expect(inferred.objections).toEqual(known.objections);
  });

  it('copes with an empty transcript', async () => {
    const result = callAnalysisSchema.parse(await analyzer.analyze({ turns: [] }));
    expect(result.objections).toEqual([]);
  });
});
