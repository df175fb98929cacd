import type { ObjectionType } from '@call-assist/shared';

/** An objection reduced to what matching compares: its type and where its quote is. */
export interface QuotedObjection {
  type: ObjectionType;
  quote: string;
  /** Index among the caller's turns; null or absent when unknown (then the quote is looked up). */
  callerTurn?: number | null;
}

/** A matched pair: indexes into the labeled and predicted lists. */
export interface ObjectionPair {
  labeled: number;
  predicted: number;
}

interface Located {
  turn: number;
  start: number;
  end: number;
}

/** Where the quote sits in the caller's turns: in its stated turn if it is there, else the first turn holding it. */
export function locateQuote(objection: QuotedObjection, callerTexts: readonly string[]): Located | undefined {
  const stated = objection.callerTurn ?? -1;
  const order = stated >= 0 && stated < callerTexts.length ? [stated, ...callerTexts.keys()] : [...callerTexts.keys()];
  for (const turn of order) {
    const start = callerTexts[turn]!.indexOf(objection.quote);
    if (start >= 0) return { turn, start, end: start + objection.quote.length };
  }
  return undefined;
}

const normalize = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Characters the two quotes share: their overlap within the same caller turn when both can be
 * located, else (a quote not found verbatim) the shorter quote's length if one contains the other.
 * 0 means they do not match.
 */
export function quoteOverlap(a: QuotedObjection, b: QuotedObjection, callerTexts: readonly string[]): number {
  const placeA = locateQuote(a, callerTexts);
  const placeB = locateQuote(b, callerTexts);
  if (placeA && placeB) {
    if (placeA.turn !== placeB.turn) return 0;
    return Math.max(0, Math.min(placeA.end, placeB.end) - Math.max(placeA.start, placeB.start));
  }
  const [x, y] = [normalize(a.quote), normalize(b.quote)];
  return x.includes(y) || y.includes(x) ? Math.min(x.length, y.length) : 0;
}

/**
 * Pairs predicted with labeled objections: same type and overlapping quotes, each labeled and each
 * predicted objection used at most once. A maximum bipartite matching (augmenting paths), trying
 * larger overlaps first, so one prediction cannot take a label another prediction needed and a
 * contested label goes to the prediction that overlaps it most.
 */
export function matchObjections(labeled: readonly QuotedObjection[], predicted: readonly QuotedObjection[], callerTexts: readonly string[]): ObjectionPair[] {
  const scored = predicted.map((p) =>
    labeled
      .map((l, index) => ({ index, overlap: l.type === p.type ? quoteOverlap(l, p, callerTexts) : 0 }))
      .filter((edge) => edge.overlap > 0)
      .sort((x, y) => y.overlap - x.overlap || x.index - y.index),
  );
  const edges = scored.map((candidates) => candidates.map((edge) => edge.index));
  const bestOverlap = (p: number): number => scored[p]![0]?.overlap ?? 0;
  const ownerOf = new Array<number>(labeled.length).fill(-1);
  const augment = (p: number, visited: Set<number>): boolean => {
    for (const l of edges[p]!) {
      if (visited.has(l)) continue;
      visited.add(l);
      if (ownerOf[l] === -1 || augment(ownerOf[l]!, visited)) {
        ownerOf[l] = p;
        return true;
      }
    }
    return false;
  };
  // Predictions with the larger overlap go first, so they win a label that only one of them can have.
  const order = [...predicted.keys()].sort((x, y) => bestOverlap(y) - bestOverlap(x) || x - y);
  for (const p of order) augment(p, new Set());
  return ownerOf.flatMap((p, l) => (p >= 0 ? [{ labeled: l, predicted: p }] : []));
}
