/**
 * Headings: break only between BudouX phrases (and after spaces), with the fewest lines,
 * balanced (the longest line as short as possible), and never a single character alone
 * on the last line. Falls back to ordinary break points when a phrase is wider than the
 * measure.
 */
import { type SetLine, prepareToSet, setRange } from './breakLines.js';
import { endResource } from './fitLine.js';
import type { FontMetrics } from './metrics.js';
import { phraseStarts } from './phrases.js';
import { setBefore } from './setBefore.js';
import { OK, type Prepared, letterCount, naturalWidth, prepare } from './prepare.js';

export interface HeadingOptions {
  metrics: FontMetrics;
  /** pt */
  fontSize: number;
  /** pt */
  measure: number;
}

function headingRanges(p: Prepared, M: number): Array<[number, number]> {
  const n = p.n;
  const skip = (k: number): number => {
    while (k < n && p.space[k]) k++;
    return k;
  };
  if (n === 0) return [];
  const fits = (a: number, e: number): boolean => {
    const t = p.trim[e]!;
    return naturalWidth(p, a, e) - (t > a ? endResource(p, t - 1) : 0) <= M + 1e-9;
  };
  const start = skip(0);
  if (fits(start, n)) return [[start, n]];
  const phrases = phraseStarts(p);
  const tiers: Array<(k: number) => boolean> = [
    (k) => phrases(k) && p.brk[k] === OK,
    (k) => p.brk[k] === OK,
    (k) => p.brk[k]! >= 1,
    () => true,
  ];
  for (const strict of [true, false]) {
    for (const allowed of tiers) {
      const cand = [start];
      for (let k = start + 1; k < n; k++) if (allowed(k)) cand.push(k);
      cand.push(n);
      const r = minMaxLines(p, cand, fits, M, strict, skip);
      if (r) return r;
    }
  }
  return [[start, n]];
}

function minMaxLines(
  p: Prepared,
  cand: number[],
  fits: (a: number, e: number) => boolean,
  M: number,
  strictLast: boolean,
  skip: (k: number) => number,
): Array<[number, number]> | null {
  const C = cand.length;
  const maxLines = C - 1;
  // best[k][j]: minimal max width using k lines to reach cand[j]; from[k][j] previous index
  let prev = new Float64Array(C).fill(Infinity);
  prev[0] = 0;
  const froms: Int32Array[] = [];
  for (let k = 1; k <= maxLines; k++) {
    const cur = new Float64Array(C).fill(Infinity);
    const from = new Int32Array(C).fill(-1);
    for (let j = 1; j < C; j++) {
      const e = cand[j]!;
      for (let i = j - 1; i >= 0; i--) {
        if (prev[i] === Infinity) continue;
        const a = skip(cand[i]!);
        if (a >= e) continue;
        if (!fits(a, e)) break; // longer lines will not fit either
        if (strictLast && j === C - 1 && letterCount(p, a, e) < 2) continue;
        const w = Math.max(prev[i]!, Math.min(naturalWidth(p, a, e), M));
        if (w < cur[j]! - 1e-12) {
          cur[j] = w;
          from[j] = i;
        }
      }
    }
    froms.push(from);
    if (cur[C - 1] !== Infinity) {
      const out: Array<[number, number]> = [];
      let j = C - 1;
      for (let kk = k; kk >= 1; kk--) {
        const i = froms[kk - 1]![j]!;
        out.unshift([skip(cand[i]!), cand[j]!]);
        j = i;
      }
      return out;
    }
    prev = cur;
  }
  return null;
}

/** Heading line texts (a '\n' in the text forces a break). */
export function breakHeading(text: string, opts: HeadingOptions): string[] {
  const M = opts.measure / opts.fontSize;
  return text.split(/\r?\n/).flatMap((seg) => {
    const p = prepare(seg, opts.metrics);
    return headingRanges(p, M).map(([a, e]) => p.text.slice(a, p.trim[e]).join(''));
  });
}

/** Heading lines set (not justified: align them with pdfmake's `alignment`); shared with other callers of the same text and options. */
export function setHeading(text: string, opts: HeadingOptions): readonly SetLine[] {
  return setBefore(opts.metrics, text, ['heading', opts.fontSize, opts.measure], () => headingLines(text, opts));
}

function headingLines(text: string, opts: HeadingOptions): SetLine[] {
  const M = opts.measure / opts.fontSize;
  return text.split(/\r?\n/).flatMap((seg) => {
    const p = prepareToSet(seg, opts.metrics);
    return headingRanges(p, M).map(([a, e]) => setRange(p, a, e, M, false, opts.fontSize));
  });
}
