import { describe, expect, it } from 'vitest';
import type { AnalysisTranscript } from '@call-assist/shared';
import { CONTRACT_TRANSCRIPT } from '../call-analyzer.contract.js';
import { formatTranscript, promptTurns } from './analysis-prompt.js';
import { splitIntoChunks, type TranscriptChunk } from './transcript-chunks.js';

/** The contract call's turns, repeated: a long call whose every line is known. */
const LONG: AnalysisTranscript = { turns: Array.from({ length: 6 }, () => CONTRACT_TRANSCRIPT.turns).flat() };
const turns = promptTurns(LONG);
const allLines = formatTranscript(turns).split('\n');
const linesOf = (chunk: TranscriptChunk) => chunk.text.split('\n');

describe('splitIntoChunks', () => {
  it('cuts on turn boundaries into chunks within the budget that together show every line in order', () => {
    const chunks = splitIntoChunks(turns, { maxChars: 1_200, overlapLines: 2 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(1_200);
      // Whole lines of the whole-call prompt, numbering included.
      for (const line of linesOf(chunk)) expect(allLines).toContain(line);
    }
    const seen = chunks.flatMap((chunk) => linesOf(chunk).slice(chunk.overlapLines));
    expect(seen).toEqual(allLines);
    expect(chunks[0]!.firstTurn).toBe(0);
    expect(chunks.at(-1)!.lastTurn).toBe(turns.length - 1);
  });

  it('repeats the last lines of the previous chunk', () => {
    const chunks = splitIntoChunks(turns, { maxChars: 1_200, overlapLines: 2 });
    expect(chunks[0]!.overlapLines).toBe(0);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i]!.overlapLines).toBeGreaterThan(0);
      expect(linesOf(chunks[i]!).slice(0, chunks[i]!.overlapLines)).toEqual(linesOf(chunks[i - 1]!).slice(-chunks[i]!.overlapLines));
    }
    expect(Math.max(...chunks.map((chunk) => chunk.overlapLines))).toBe(2);
    expect(splitIntoChunks(turns, { maxChars: 1_200, overlapLines: 0 }).every((chunk) => chunk.overlapLines === 0)).toBe(true);
  });

  it('lists the caller words each chunk shows, numbered for the whole call', () => {
    const callerTexts = turns.filter((turn) => turn.role === 'caller').map((turn) => turn.text);
    for (const chunk of splitIntoChunks(turns, { maxChars: 1_200, overlapLines: 2 })) {
      expect(chunk.callerTexts.length).toBeGreaterThan(0);
      for (const { callerIndex, text } of chunk.callerTexts) {
        expect(text).toBe(callerTexts[callerIndex]);
        expect(chunk.text).toContain(`(caller turn ${callerIndex}): ${text}`);
      }
    }
  });

  it('keeps the overlap to a third of the budget, so that chunks move on', () => {
    const chunks = splitIntoChunks(turns, { maxChars: 600, overlapLines: 50 });
    for (const chunk of chunks.slice(1)) {
      const repeated = linesOf(chunk).slice(0, chunk.overlapLines).join('\n');
      expect(repeated.length).toBeLessThanOrEqual(200);
      expect(chunk.overlapLines).toBeLessThan(linesOf(chunk).length);
    }
    expect(chunks.flatMap((chunk) => linesOf(chunk).slice(chunk.overlapLines))).toEqual(allLines);
  });

  it('cuts a turn longer than the budget at whitespace into numbered parts, each exact caller words', () => {
    const monologue = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} about my   worries.`).join(' ');
    const long = promptTurns({ turns: [{ speaker: 'agent', text: 'Hello, how can I help?' }, { speaker: 'caller', text: monologue }, { speaker: 'agent', text: 'I see.' }] });
    const chunks = splitIntoChunks(long, { maxChars: 600, overlapLines: 1 });
    expect(chunks.length).toBeGreaterThan(3);
    const parts = chunks.flatMap((chunk) => linesOf(chunk).slice(chunk.overlapLines)).filter((line) => line.startsWith('[1] '));
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]).toMatch(new RegExp(`^\\[1\\] caller \\(caller turn 0, part 1 of ${parts.length}\\): Sentence number 0 about my worries\\.`));
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(600);
      for (const { text } of chunk.callerTexts) {
        expect(monologue).toContain(text);
        expect(text).toMatch(/^\S.*\S$/s);
      }
    }
    // Nothing is lost between the parts: their words, in order, are the turn's words.
    const words = parts.map((line) => line.slice(line.indexOf('): ') + 3)).join(' ');
    expect(words).toBe(monologue.replace(/\s+/g, ' '));
  });
});
