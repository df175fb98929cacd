import { describe, expect, it } from 'vitest';
import { evaluatePredictions, prfScore, type CallPrediction } from './evaluate-predictions.js';
import { formatReport } from './format-report.js';
import { resolveCallerTurn, type LabeledCall } from './labeled-corpus.js';

const call = (id: string, labels: Partial<LabeledCall['labels']>, turns = defaultTurns): LabeledCall => ({
  id,
  turns,
  labels: { category: 'consult_not_scheduled', objections: [], sentiment: 'neutral', ...labels },
});

const defaultTurns: LabeledCall['turns'] = [
  { speaker: 'agent', text: 'Hello, Dune Dental.' },
  { speaker: 'caller', text: 'How much are crowns?' },
  { speaker: 'agent', text: 'About twelve hundred.' },
  { speaker: 'caller', text: "That's too much for me. Also my wife is against it." },
];

describe('resolveCallerTurn', () => {
  it('reads the label turn as an index into all turns, or among caller turns, checking the quote is there', () => {
    expect(resolveCallerTurn({ turns: defaultTurns }, { turn: 3, quote: "That's too much" })).toBe(1);
    expect(resolveCallerTurn({ turns: defaultTurns }, { turn: 1, quote: "That's too much" })).toBe(1);
    expect(resolveCallerTurn({ turns: defaultTurns }, { turn: 0, quote: 'How much' })).toBe(0);
    expect(resolveCallerTurn({ turns: defaultTurns }, { turn: 3, quote: 'never said' })).toBeNull();
  });
});

describe('prfScore', () => {
  it('computes precision, recall and F1, with null for 0/0', () => {
    expect(prfScore(2, 4, 2)).toMatchObject({ precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(prfScore(0, 0, 3)).toMatchObject({ precision: null, recall: 0, f1: null });
    expect(prfScore(0, 2, 2)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('evaluatePredictions', () => {
  const labeled = [
    call('a', {
      category: 'consult_not_scheduled',
      sentiment: 'negative',
      objections: [
        { type: 'cost-value', turn: 3, quote: "That's too much for me.", overcome: false, how: '' },
        { type: 'social-concerns', turn: 3, quote: 'my wife is against it', overcome: false, how: 'Invited her.' },
      ],
    }),
    call('b', { category: 'other_question', sentiment: 'positive' }),
  ];

  it('scores category, objections per type and micro, overcome over matched pairs, and sentiment', () => {
    const predictions: CallPrediction[] = [
      {
        id: 'a',
        category: 'consult_not_scheduled',
        sentiment: 'mixed',
        objections: [
          { type: 'cost-value', quote: 'too much', overcome: true, callerTurn: 1 },
          { type: 'timing', quote: 'Also my wife', overcome: false, callerTurn: 1 },
        ],
      },
      { id: 'b', category: 'consult_scheduled', sentiment: 'positive', objections: [] },
    ];
    const report = evaluatePredictions(labeled, predictions);
    expect(report.category).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(report.objections.perType['cost-value']).toMatchObject({ truePositives: 1, predicted: 1, labeled: 1, f1: 1 });
    expect(report.objections.perType['social-concerns']).toMatchObject({ truePositives: 0, predicted: 0, labeled: 1, recall: 0, precision: null });
    expect(report.objections.perType.timing).toMatchObject({ truePositives: 0, predicted: 1, labeled: 0, precision: 0 });
    expect(report.objections.micro).toMatchObject({ truePositives: 1, predicted: 2, labeled: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    // Only the matched cost objection counts, and its overcome is wrong.
    expect(report.overcome).toEqual({ correct: 0, total: 1, accuracy: 0 });
    expect(report.sentiment).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(report.perCall[0]).toMatchObject({ missed: [expect.objectContaining({ type: 'social-concerns' })], spurious: [expect.objectContaining({ type: 'timing' })] });
  });

  it('lets one labeled objection be matched by only one of two overlapping predictions', () => {
    const predictions: CallPrediction[] = [
      {
        id: 'a',
        category: 'consult_not_scheduled',
        sentiment: 'negative',
        objections: [
          { type: 'cost-value', quote: "That's too much", overcome: false, callerTurn: 1 },
          { type: 'cost-value', quote: 'too much for me.', overcome: false, callerTurn: 1 },
        ],
      },
    ];
    const report = evaluatePredictions(labeled.slice(0, 1), predictions);
    expect(report.objections.perType['cost-value']).toMatchObject({ truePositives: 1, predicted: 2, labeled: 1, precision: 0.5, recall: 1 });
    expect(report.overcome).toEqual({ correct: 1, total: 1, accuracy: 1 });
  });

  it('counts a call without a prediction as wrong, with nothing predicted', () => {
    const report = evaluatePredictions(labeled, []);
    expect(report.category.correct).toBe(0);
    expect(report.objections.micro).toMatchObject({ truePositives: 0, predicted: 0, labeled: 2, recall: 0 });
    expect(report.overcome.accuracy).toBeNull();
  });

  it('formats the figures, and the differences when verbose', () => {
    const report = evaluatePredictions(labeled, []);
    expect(formatReport(report)).toContain('category accuracy:  0.00 (0/2)');
    expect(formatReport(report)).toContain('overcome accuracy:   n/a');
    expect(formatReport(report, true)).toContain('missed cost-value (caller turn 1)');
  });
});
