import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range.js';

describe('parseByteRange', () => {
  it('reads the forms an audio element sends: open-ended, bounded, suffix', () => {
    expect(parseByteRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseByteRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 });
    expect(parseByteRange('bytes=-300', 1000)).toEqual({ start: 700, end: 999 });
    expect(parseByteRange('bytes=-3000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('clips an end past the blob and refuses a start past it', () => {
    expect(parseByteRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('answers with the whole blob when there is no usable range', () => {
    for (const header of [undefined, '', 'bytes=-', 'items=0-10', 'bytes=0-10,20-30', 'bytes=20-10', 'bytes=abc']) {
      expect(parseByteRange(header, 1000), String(header)).toBeUndefined();
    }
  });
});
