import { formatTurn, type PromptTurn } from './analysis-prompt.js';

/** What a chunk shows of one caller turn: an exact substring of the turn's text (all of it unless the turn was split). */
export interface ChunkCallerText {
  callerIndex: number;
  text: string;
}

/** A run of consecutive transcript lines analysed in one request. */
export interface TranscriptChunk {
  /** 0-based position among the chunks. */
  index: number;
  /** Whole-call numbers of the first and last turn it shows (either may be shown in part). */
  firstTurn: number;
  lastTurn: number;
  /** How many of its leading lines repeat the end of the previous chunk. */
  overlapLines: number;
  /** The numbered lines, in the whole-call prompt's format and numbering; never longer than the budget. */
  text: string;
  /** The caller's words it shows, in order: what its quotes are checked against. */
  callerTexts: ChunkCallerText[];
}

export interface ChunkingOptions {
  /** Longest `text` of a chunk, in characters. */
  maxChars: number;
  /** Lines each chunk repeats from the end of the previous one, so that a concern and its handling are seen together. */
  overlapLines: number;
}

/** Smallest budget a turn can be split into: the line prefix plus some words. */
export const MIN_CHUNK_CHARS = 500;

/** One line of a chunk: a whole turn, or a piece of a turn too long for any chunk. */
interface Line {
  turn: number;
  callerIndex: number | null;
  /** The piece's span in the turn's raw text. */
  start: number;
  end: number;
  text: string;
}

/** [start, end) spans of at most `maxLength` characters, cut at whitespace where possible. */
function splitText(text: string, maxLength: number): [number, number][] {
  const spans: [number, number][] = [];
  const skipSpace = (from: number) => {
    while (from < text.length && /\s/.test(text[from]!)) from++;
    return from;
  };
  let start = skipSpace(0);
  while (start < text.length) {
    let end = Math.min(text.length, start + maxLength);
    if (end < text.length) {
      const cut = text.slice(start, end + 1).search(/\s\S*$/);
      if (cut > maxLength / 2) end = start + cut;
    }
    spans.push([start, end]);
    start = skipSpace(end);
  }
  return spans;
}

/** Every turn as one line, except turns longer than the budget, which become numbered pieces. */
function toLines(turns: PromptTurn[], maxChars: number): Line[] {
  const lines: Line[] = [];
  for (const [index, turn] of turns.entries()) {
    const whole = formatTurn(turn, index);
    if (whole.length <= maxChars) {
      lines.push({ turn: index, callerIndex: turn.callerIndex, start: 0, end: turn.text.length, text: whole });
      continue;
    }
    // Collapsing whitespace only shortens a piece, so a raw length bound is a line length bound.
    const prefix = formatTurn({ ...turn, text: '' }, index, { n: 99_999, of: 99_999 }).length;
    const spans = splitText(turn.text, Math.max(100, maxChars - prefix - 1));
    for (const [n, [start, end]] of spans.entries()) {
      const text = formatTurn({ ...turn, text: turn.text.slice(start, end) }, index, { n: n + 1, of: spans.length });
      lines.push({ turn: index, callerIndex: turn.callerIndex, start, end, text });
    }
  }
  return lines;
}

function chunkOf(index: number, lines: Line[], overlapLines: number, turns: PromptTurn[]): TranscriptChunk {
  const callerTexts: ChunkCallerText[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.callerIndex === null) continue;
    // Pieces of one turn are adjacent: what the chunk shows of the turn is one span of it.
    let end = line.end;
    while (lines[i + 1]?.turn === line.turn) end = lines[++i]!.end;
    callerTexts.push({ callerIndex: line.callerIndex, text: turns[line.turn]!.text.slice(line.start, end) });
  }
  return {
    index,
    firstTurn: lines[0]!.turn,
    lastTurn: lines.at(-1)!.turn,
    overlapLines,
    text: lines.map((line) => line.text).join('\n'),
    callerTexts,
  };
}

/**
 * Splits a transcript too long for one prompt into chunks of whole lines (turn boundaries; only a
 * turn longer than the budget is cut, at whitespace), each at most `maxChars` long. Each chunk
 * after the first repeats up to `overlapLines` lines of the previous one — no more than a third of
 * the budget, and always leaving room for new lines — so every chunk moves forward.
 */
export function splitIntoChunks(turns: PromptTurn[], options: ChunkingOptions): TranscriptChunk[] {
  const maxChars = Math.max(MIN_CHUNK_CHARS, options.maxChars);
  const lines = toLines(turns, maxChars);
  const cost = lines.map((line) => line.text.length + 1);
  const chunks: TranscriptChunk[] = [];
  let start = 0;
  let overlap = 0;
  while (start < lines.length) {
    let end = start;
    let used = 0;
    while (end < lines.length && (end === start || used + cost[end]! <= maxChars + 1)) used += cost[end++]!;
    chunks.push(chunkOf(chunks.length, lines.slice(start, end), overlap, turns));
    if (end === lines.length) break;
    let next = Math.max(start + 1, end - Math.max(0, options.overlapLines));
    const repeated = () => cost.slice(next, end).reduce((sum, c) => sum + c, 0);
    while (next < end && (repeated() > maxChars / 3 || repeated() + cost[end]! > maxChars + 1)) next++;
    overlap = end - next;
    start = next;
  }
  return chunks;
}
