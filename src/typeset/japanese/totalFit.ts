/**
 * Breaks chosen for a whole paragraph (total fit, after Knuth and Plass), with JLReq's
 * adjustments as the lines' give: every line that can end at an allowed break is scored
 * by how fitLine must squeeze or spread it, and dynamic programming over the break
 * positions finds the sequence with the least demerits.
 *
 * Demerits of a line are (LINE + badness)² plus penalties:
 * - badness of squeezing: small for the line-end mark drawn half width (conventional),
 *   growing with the share of middle dots', then commas' and brackets', then full stops'
 *   blanks taken, largest for a line-start bracket;
 * - badness of spreading a justified line: cubic in the spread per gap, 100 at 0.1 em
 *   (where text extractors start to read spaces); of a ragged line: quadratic in the
 *   room left at its end;
 * - a break inside a BudouX phrase (目|指します) costs PHRASE, so a break between phrases
 *   wins when the lines cost about the same;
 * - a last line of one or two letters (す。) costs SHORT_LAST.
 * The fewest lines come first and demerits decide among them: a paragraph is squeezed
 * into one line less whenever its punctuation allows (JIS X 4051 prefers push-in to
 * push-out, and a booklet's pages are counted), so a short last line is pulled back
 * where it can be, and otherwise gets a letter or two more from the line before.
 *
 * Lines are tried only at OK breaks, so kinsoku and numbers hold by construction. If no
 * sequence fits within TOLERANCE the search is repeated without it; if none fits at
 * all (a unit wider than the measure), the caller falls back to filling line by line.
 */
import { type LineFit, extraPerSpace, fitLine, fits, gaps, midResource, spaceLikeGaps } from './fitLine.js';
import { OK, type Prepared, letterCount, naturalWidth } from './prepare.js';
import { Scratch } from './scratch.js';

export interface TotalFitOptions {
  /** em available to the first line (the measure less any indent). */
  readonly first: number;
  /** em available to every other line. */
  readonly rest: number;
  /** em kept free at the end of a justified line (pdfmake's fit test has no tolerance). */
  readonly epsilon: number;
  readonly justify: boolean;
  /** Where phrases start (BudouX): asked for only when more than one line is needed. */
  readonly phrases?: (p: Prepared) => (k: number) => boolean;
}

const LINE = 10;
const PHRASE = 300;
const SHORT_LAST = 3000;
const TOLERANCE = 200;
/** A justified line that cannot spread (one cluster, or one Western word) and is not full. */
const RAGGED_IN_JUSTIFIED = 3000;

const cube = (x: number): number => x * x * x;

/** The searches' arrays: valid during one totalFit call. */
const scratch = new Scratch();

function squeezeBadness(f: LineFit): number {
  if (!f.squeezed) return 0;
  const { dots, commas, stops } = f;
  // commas and brackets: from ½ to ¼ em is the book-setting norm, below ¼ em it shows
  const half = Math.min(commas, 0.5) * 2;
  const below = Math.max(0, commas - 0.5) * 2;
  return (
    (f.end > 0 ? 1 : 0) +
    12 * cube(dots) +
    12 * cube(half) +
    40 * cube(below) +
    60 * cube(stops) +
    (f.start > 0 ? 60 : 0)
  );
}

/** Badness of one line set to `measure` em; Infinity when it does not fit. */
export function lineBadness(f: LineFit, measure: number, last: boolean, justify: boolean): number {
  if (f.overflow > 1e-9) return Infinity;
  const b = squeezeBadness(f);
  if (last || f.slack <= 0) return b;
  if (!justify) return b + raggedBadness(f.slack, measure);
  if (f.gaps === 0 || !f.justified) return b + (f.slack > 1e-6 ? RAGGED_IN_JUSTIFIED : 0);
  return b + spreadBadness(f.spread, f.extra);
}

/**
 * Room left at the end of a ragged line is the rag itself, not a fault: quadratic in its
 * share of the measure, 40 at a quarter. A line ending a letter or two short to break
 * between phrases is cheap; one ending half empty is not.
 */
function raggedBadness(slack: number, measure: number): number {
  return 40 * (slack / (measure / 4)) ** 2;
}

/** Cubic in the even spread, 100 at 0.1 em per gap; half that again for ¼ em more at every quarter-em gap. */
function spreadBadness(spread: number, extra: number): number {
  return 100 * cube(Math.max(0, spread) / 0.1) + 50 * cube(extra / 0.25);
}

/**
 * lineBadness of [a, e), without building a LineFit where the line needs no squeeze:
 * most of the lines the search tries.
 */
function badness(p: Prepared, a: number, e: number, natural: number, measure: number, target: number, last: boolean, justify: boolean): number {
  if (natural <= measure) {
    if (last) return 0;
    const slack = target - natural;
    if (slack <= 0) return 0;
    if (!justify) return raggedBadness(slack, measure);
    const t = p.trim[e]!;
    const G = gaps(p, a, t);
    if (G > 0) {
      const Q = spaceLikeGaps(p, a, t);
      const extra = extraPerSpace(slack, G, Q);
      return spreadBadness((slack - extra * Q) / G, extra);
    }
  }
  return lineBadness(fitLine(p, a, e, measure, target, justify && !last), measure, last, justify);
}

/** Line ranges [start, end) for a prepared segment, or null when no sequence of lines fits. */
export function totalFit(p: Prepared, opts: TotalFitOptions): Array<[number, number]> | null {
  const n = p.n;
  const skip = (k: number): number => {
    while (k < n && p.space[k]) k++;
    return k;
  };
  const start = skip(0);
  if (start >= n) return [];
  // Most text (table cells, short paragraphs, natural-width measuring) fits as it is.
  if (naturalWidth(p, start, n) <= opts.first) return [[start, n]];
  scratch.reset();
  const linesFrom = linesToEnd(p, opts, start, skip);
  const fewest = linesFrom[start]!;
  if (fewest === Infinity) return null;
  // The tolerance only narrows the search; it may not cost a line.
  return search(p, opts, start, skip, linesFrom, TOLERANCE) ?? search(p, opts, start, skip, linesFrom, Infinity);
}

/**
 * linesFrom[a]: the fewest lines that set the text from cluster a (a line start) to the
 * end, every line filled as far as squeezing allows. A shorter line always fits too, so
 * filling each line to the last break that fits is optimal, and the farthest reach only
 * grows with a: one pass from the end. The first line (start) has its own measure.
 * Infinity where some stretch between breaks does not fit a line.
 */
function linesToEnd(p: Prepared, opts: TotalFitOptions, start: number, skip: (k: number) => number): Float64Array {
  const n = p.n;
  const far = scratch.i32(n).fill(-1, 0, n);
  const reach = (a: number, from: number): number => {
    const measure = a === start ? opts.first : opts.rest;
    let last = from > a ? from : -1;
    for (let e = Math.max(a + 1, from + 1); e <= n; e++) {
      const natural = naturalWidth(p, a, e);
      if (natural - midResource(p, a, p.trim[e]!) - 1 > measure) break;
      if (e < n && p.brk[e] !== OK) continue;
      if (fits(p, a, e, natural, measure)) last = e;
    }
    return last;
  };
  // the farthest end that fits never moves back as the start moves on (same measure)
  let farthest = -1;
  for (let a = start + 1; a < n; a++) {
    if (p.space[a]) continue;
    farthest = reach(a, farthest);
    far[a] = farthest;
  }
  far[start] = reach(start, -1);
  const lines = scratch.f64(n + 1).fill(Infinity, 0, n + 1);
  lines[n] = 0;
  for (let a = n - 1; a >= start; a--) {
    if (p.space[a] || far[a]! < 0) continue;
    lines[a] = 1 + lines[skip(far[a]!)]!;
  }
  return lines;
}

function search(
  p: Prepared,
  opts: TotalFitOptions,
  start: number,
  skip: (k: number) => number,
  linesFrom: Float64Array,
  tolerance: number,
): Array<[number, number]> | null {
  const n = p.n;
  const end = p.trim[n]!; // the text ends here: a line reaching it is the last
  const fewest = linesFrom[start]!;
  // Fewest lines first, then least demerits: (count, demerits) per break position.
  const count = scratch.i32(n + 1).fill(0x7fffffff, 0, n + 1);
  const best = scratch.f64(n + 1).fill(Infinity, 0, n + 1);
  const from = scratch.i32(n + 1).fill(-1, 0, n + 1);
  count[start] = 0;
  best[start] = 0;
  let phrases: ((k: number) => boolean) | undefined;
  for (let k = start; k < n; k++) {
    const base = best[k]!;
    if (base === Infinity) continue;
    const lines = count[k]! + 1;
    const a = k === start ? start : skip(k);
    // Only paths that can still end in the fewest lines are followed.
    if (lines - 1 + linesFrom[a]! > fewest) continue;
    const measure = a === start ? opts.first : opts.rest;
    const target = measure - opts.epsilon;
    // Lines looser than the tolerance allows are not tried, except the last.
    const loose = firstWithinTolerance(p, a, measure, target, opts.justify, tolerance);
    for (let e = loose > end ? n : Math.max(a + 1, loose); e <= n; e++) {
      const natural = naturalWidth(p, a, e);
      // A cluster adds more ink than it can free: once even squeezing every blank (with
      // a margin for the end and start marks) cannot fit, longer lines cannot either.
      if (natural - midResource(p, a, p.trim[e]!) - 1 > measure) break;
      const last = e >= end;
      if (last ? e < n : p.brk[e] !== OK) continue; // e < n: the same line as e = n
      if (!last && lines + linesFrom[skip(e)]! > fewest) continue;
      const b = badness(p, a, e, natural, measure, target, last, opts.justify);
      if (b === Infinity || b > tolerance) continue;
      let d = base + (LINE + b) ** 2;
      if (last) {
        if (k !== start && letterCount(p, a, n) <= 2) d += SHORT_LAST;
      } else if (opts.phrases) {
        phrases ??= opts.phrases(p);
        if (!phrases(e)) d += PHRASE;
      }
      if (lines < count[e]! || (lines === count[e] && d < best[e]!)) {
        count[e] = lines;
        best[e] = d;
        from[e] = k;
      }
    }
  }
  if (best[n] === Infinity) return null;
  const ranges: Array<[number, number]> = [];
  for (let e = n; e !== start; e = from[e]!) {
    const k = from[e]!;
    ranges.push([k === start ? start : skip(k), e]);
  }
  return ranges.reverse();
}

/**
 * The first e at which a line [a, e) could be tight enough for the tolerance: its width
 * plus the most it may be spread (at the tolerated spread per gap, and ¼ em at every
 * quarter-em gap) reaches the target. Both grow with e, so a binary search finds it.
 */
function firstWithinTolerance(p: Prepared, a: number, measure: number, target: number, justify: boolean, tolerance: number): number {
  if (tolerance === Infinity) return a + 1;
  const maxSpread = 0.1 * Math.cbrt(tolerance / 100);
  const maxRag = (measure / 4) * Math.sqrt(tolerance / 40);
  const reach = (e: number): number => {
    const t = p.trim[e]!;
    const w = naturalWidth(p, a, e);
    return justify ? w + maxSpread * gaps(p, a, t) + 0.25 * spaceLikeGaps(p, a, t) : w + maxRag;
  };
  // gallop, then bisect: the answer is about a line's length from a
  let lo = a + 1;
  let hi = a + 2;
  while (hi <= p.n && reach(hi) < target) {
    lo = hi + 1;
    hi = Math.min(p.n + 1, a + 2 * (hi - a));
  }
  hi = Math.min(hi, p.n + 1);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reach(mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
