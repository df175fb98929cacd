import { describe, expect, it } from 'vitest';
import type { Objection } from '@call-assist/shared';
import { repairQuotes } from './quote-repair.js';

const callerTurns = ["Hi, I'm calling about laser hair removal.", "Honestly, I'm scared it will burn my skin. My friend had a bad reaction.", 'Okay, that makes me feel better.'];
const objection = (quote: string, callerTurn: number | null): Objection => ({ type: 'safety-risk', quote, callerTurn, overcome: true, how: 'Explained the patch test.' });

describe('repairQuotes', () => {
  it('keeps an exact quote and corrects the turn it names', () => {
    expect(repairQuotes([objection("I'm scared it will burn my skin", 0)], callerTurns)).toEqual([objection("I'm scared it will burn my skin", 1)]);
    expect(repairQuotes([objection("I'm scared it will burn my skin", null)], callerTurns)[0]!.callerTurn).toBe(1);
  });

  it('recovers the caller spelling when only case and punctuation differ', () => {
    expect(repairQuotes([objection('honestly im scared', 1)], callerTurns)[0]!.quote).toBe("Honestly, I'm scared it will burn my skin.");
    expect(repairQuotes([objection('honestly I\'m scared it will burn', 1)], callerTurns)[0]!.quote).toBe("Honestly, I'm scared it will burn");
  });

  it('falls back to the caller sentence sharing most of the words', () => {
    expect(repairQuotes([objection('I am scared that the laser will burn my skin', 1)], callerTurns)).toEqual([
      objection("Honestly, I'm scared it will burn my skin.", 1),
    ]);
  });

  it('drops a quote no caller sentence resembles, or one sharing only filler words', () => {
    expect(repairQuotes([objection('The price is too high for me', 1), objection('it is my', 1)], callerTurns)).toEqual([]);
  });

  it('never matches agent words: only the caller turns it is given', () => {
    expect(repairQuotes([objection('We do a patch test first', 1)], callerTurns)).toEqual([]);
  });
});
