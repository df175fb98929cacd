import { Fragment } from 'react';

/** A half-open character range [start, end) of a text. */
export interface TextRange {
  start: number;
  end: number;
}

/** The text with the given ranges in `<mark>`; ranges may come in any order and overlap. */
export function Highlight({ text, ranges }: { text: string; ranges: TextRange[] }) {
  const merged = mergeRanges(ranges.filter((range) => range.end > range.start));
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const range of merged) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), marked: false });
    parts.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>{part.marked ? <mark>{part.text}</mark> : part.text}</Fragment>
      ))}
    </>
  );
}

function mergeRanges(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
