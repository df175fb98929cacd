import type { ByteRange } from './blob-store.js';

/**
 * The part of a `sizeBytes`-long blob an HTTP `Range` header asks for: `undefined` means the whole
 * blob (no header, a unit other than bytes, several ranges, or a malformed one — all of which a
 * server may answer with the full body), `'unsatisfiable'` a range that starts past the end (416).
 * `bytes=0-`, `bytes=100-199` and the suffix form `bytes=-500` (the last 500 bytes) are understood;
 * an end past the blob is clipped to it.
 */
export function parseByteRange(header: string | undefined, sizeBytes: number): ByteRange | 'unsatisfiable' | undefined {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || sizeBytes === 0) return 'unsatisfiable';
    return { start: Math.max(0, sizeBytes - suffix), end: sizeBytes - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= sizeBytes) return 'unsatisfiable';
  const end = last === '' ? sizeBytes - 1 : Number(last);
  return { start, end: Math.min(end, sizeBytes - 1) };
}
