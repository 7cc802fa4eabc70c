/**
 * Japanese line breaking and justification (JLReq / JIS X 4051), pure and synchronous.
 *
 * Model (all internal lengths in em, output in pt):
 * - Text is split into clusters and analysed once (prepare.ts): break levels (kinsoku,
 *   numbers with their units, Western words), punctuation blanks, quarter ems.
 * - Breaks are chosen for the whole paragraph (totalFit.ts): every feasible line is
 *   scored by how it must be squeezed or spread (fitLine.ts), and the sequence with the
 *   fewest lines, then the least demerits, wins. When no sequence fits (a unit wider than the measure even with
 *   every blank squeezed), lines are filled one by one instead (greedyBreaks).
 * - A justified line spreads what is left evenly over every gap between characters
 *   except inside Western words. If that would exceed SAFE_SPREAD per gap (text
 *   extractors — pdfjs at 0.102 em, pdftotext at 0.1 em — start to insert fake spaces),
 *   the excess first widens quarter-em gaps and Western word spaces (up to +¼ em each,
 *   JLReq's expansion priority), then everything evenly again.
 */
import { SAFE_SPREAD, endResource, fitLine, gaps, midResource, startResource, tierRatio } from './fitLine.js';
import type { FontMetrics } from './metrics.js';
import { phraseStarts } from './phrases.js';
import { HARD, OK, type Prepared, naturalWidth, prepare, tierOf } from './prepare.js';
import { totalFit } from './totalFit.js';
import { Scratch } from './scratch.js';
import { setBefore } from './setBefore.js';
import type { FinishedLine, FinishedRun } from '../../engine/finishedLines.js';

export { SAFE_SPREAD } from './fitLine.js';
export { type Prepared, naturalWidth, prepare } from './prepare.js';

/** A line as the breaker set it: the engine's finished line, with how it was adjusted. */
export interface SetLine extends FinishedLine {
  readonly runs: FinishedRun[];
  /** pt from the line start to the end of the last run's advance (includes indent). */
  readonly width: number;
  /** The line was stretched or compressed to end at the measure. */
  readonly justified: boolean;
  /** em of punctuation blanks squeezed out (beyond what adjacent marks always lose). */
  readonly squeeze?: number;
  /** em added between characters by justification. */
  readonly spread?: number;
}
export interface BreakOptions {
  metrics: FontMetrics;
  /** pt */
  fontSize: number;
  /** pt: the width pdfmake will give the text (its availableWidth). */
  measure: number;
  justify: boolean;
  /** em of indent on the first line (default 0). */
  indent?: number;
  /** 'optimal' (default): breaks chosen for the whole paragraph; 'greedy': line by line, as before total fit. */
  breaking?: 'optimal' | 'greedy';
}

/** The analysis of the segment being set, and the arrays of the line being set: one at a time. */
const analysis = new Scratch();
const lineArrays = new Scratch();

/** A segment analysed to be broken and set now: valid until the next call. */
export function prepareToSet(segment: string, metrics: FontMetrics): Prepared {
  return prepare(segment, metrics, analysis.reset());
}

/** pt kept free at the end of a justified line: pdfmake's fit test has no tolerance. */
export const FIT_EPSILON_PT = 0.01;

/**
 * Line ranges [start, end) filled one line at a time: the fallback when no sequence of
 * lines fits (a unit wider than the measure). When a line overflows at a place where no
 * break is allowed, the choice is push-in (keep the unit, squeeze blanks) or push-out
 * (break at the previous allowed place and spread), whichever distorts less per place;
 * a last resort breaks inside the unit. `avail(lineIndex)` gives the em for that line.
 */
export function greedyBreaks(p: Prepared, avail: (line: number) => number): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  const n = p.n;
  const skip = (k: number): number => {
    while (k < n && p.space[k]) k++;
    return k;
  };
  let a = skip(0);
  const tol = 1e-9;
  while (a < n) {
    const M = avail(lines.length);
    // largest e with natural width <= M
    let e = a + 1;
    while (e < n && naturalWidth(p, a, e + 1) <= M + tol) e++;
    const e0 = naturalWidth(p, a, e) <= M + tol ? e : a; // clusters [a, e0) fit
    if (e0 === n) {
      lines.push([a, n]);
      break;
    }
    let end: number;
    if (e0 > a && p.brk[e0] === OK) {
      end = e0;
    } else {
      // the unit containing e0 ends at u
      let u = e0 + 1;
      while (u < n && p.brk[u] !== OK) u++;
      let b = e0;
      while (b > a && p.brk[b] !== OK) b--;
      const tu = p.trim[u]!;
      const over = naturalWidth(p, a, u) - M;
      const endR = endResource(p, tu - 1);
      const midR = midResource(p, a, tu) + startResource(p, a);
      const feasible = over <= endR + midR + tol;
      if (feasible || b > a) {
        let pushIn = feasible;
        if (feasible && b > a) {
          const costIn = over <= endR ? 0 : ((over - endR) / midR) * 0.5;
          const tb = p.trim[b]!;
          const costOut = (M - naturalWidth(p, a, b)) / Math.max(1, gaps(p, a, tb));
          pushIn = costIn <= costOut || costOut > SAFE_SPREAD;
        }
        end = pushIn ? u : b;
      } else {
        // last resort: one unit is wider than the line
        let g = e0;
        while (g > a && p.brk[g] === HARD) g--;
        end = g > a ? g : e0 > a ? e0 : a + 1;
      }
    }
    lines.push([a, end]);
    a = skip(end);
  }
  return lines;
}

/** Set clusters [a, e) as one line of `M` em. */
export function setRange(
  p: Prepared,
  a: number,
  e: number,
  M: number,
  justify: boolean,
  fontSize: number,
  indentEm = 0,
): SetLine {
  const t = p.trim[e]!;
  if (t <= a) return { runs: [], width: indentEm * fontSize, justified: false };
  lineArrays.reset();
  const cb = lineArrays.f64(t - a);
  const ca = lineArrays.f64(t - a);
  for (let i = a; i < t; i++) {
    if (i > a) cb[i - a] = p.pcB[i]!;
    if (i < t - 1) ca[i - a] = p.pcA[i]!;
  }
  const target = M - FIT_EPSILON_PT / fontSize;
  const fit = fitLine(p, a, e, M, target, justify);
  if (fit.squeezed) {
    for (let i = a; i < t; i++) {
      const r = tierRatio(fit, tierOf(p.cls[i]!));
      if (r === 0) continue;
      if (i > a) cb[i - a]! += r * (p.bb[i]! - p.pcB[i]!);
      if (i < t - 1) ca[i - a]! += r * (p.ba[i]! - p.pcA[i]!);
    }
    if (fit.end > 0) ca[t - 1 - a] = fit.end;
    if (fit.start > 0) cb[0] = fit.start;
  }
  const s = fit.spread;
  const extra = fit.extra;
  // positions: origin and drawn advance of every cluster
  const m = t - a;
  const origin = lineArrays.f64(m);
  const drawn = lineArrays.f64(m);
  const hw = lineArrays.u8(m);
  let pen = indentEm;
  for (let k = 0; k < m; k++) {
    const i = a + k;
    const full = p.adv[i]!;
    const cbi = cb[k]!;
    const cai = ca[k]!;
    const h =
      p.hwidOk[i] === 1 && Math.abs(cbi - p.bb[i]!) < 1e-9 && Math.abs(cai - p.ba[i]!) < 1e-9;
    hw[k] = h ? 1 : 0;
    origin[k] = h ? pen : pen - cbi;
    drawn[k] = h ? full - p.bb[i]! - p.ba[i]! : full;
    pen += full - cbi - cai;
    if (i < t - 1) pen += p.q[i]! + (p.expand[i] ? s : 0) + (p.spaceLike[i] ? extra : 0);
  }
  // group into runs: same hwid, equal gaps; a cluster of several code units stands alone
  const runs: FinishedRun[] = [];
  let text = '';
  let hwid = 0;
  let count = 0;
  let spacing = 0;
  let gapBefore = 0;
  let atomic = false;
  const flush = (): void => {
    if (count) runs.push({ text, hwid: hwid === 1, spacing: spacing * fontSize, gapBefore: gapBefore * fontSize });
  };
  for (let k = 0; k < m; k++) {
    const ct = p.text[a + k]!;
    const single = ct.length === 1;
    const gap = k > 0 ? origin[k]! - origin[k - 1]! - drawn[k - 1]! : 0;
    if (count > 0 && single && !atomic && hwid === hw[k] && (count === 1 || Math.abs(gap - spacing) < 1e-9)) {
      if (count === 1) spacing = gap;
      text += ct;
      count++;
      continue;
    }
    flush();
    gapBefore = k > 0 ? gap : origin[0]!;
    text = ct;
    hwid = hw[k]!;
    count = 1;
    spacing = 0;
    atomic = !single;
  }
  flush();
  const width = (origin[m - 1]! + drawn[m - 1]!) * fontSize;
  return { runs, width, justified: fit.justified, squeeze: fit.squeeze, spread: Math.max(0, fit.spread) };
}

/** Split on hard line breaks, break and set every segment (lines shared with other callers of the same text and options). */
export function breakParagraph(text: string, opts: BreakOptions): readonly SetLine[] {
  const options = ['paragraph', opts.fontSize, opts.measure, opts.justify, opts.indent ?? 0, opts.breaking ?? 'optimal'];
  return setBefore(opts.metrics, text, options, () => setParagraph(text, opts));
}

function setParagraph(text: string, opts: BreakOptions): SetLine[] {
  const { metrics, fontSize, measure, justify } = opts;
  const indent = opts.indent ?? 0;
  const M = measure / fontSize;
  const out: SetLine[] = [];
  const segments = text.replace(/\r\n?/g, '\n').split('\n');
  for (let si = 0; si < segments.length; si++) {
    const p = prepareToSet(segments[si]!, metrics);
    const ind = (li: number): number => (si === 0 && li === 0 ? indent : 0);
    const epsilon = FIT_EPSILON_PT / fontSize;
    const ranges =
      (opts.breaking !== 'greedy' && totalFit(p, { first: M - ind(0), rest: M, epsilon, justify, phrases: phraseStarts })) ||
      greedyBreaks(p, (li) => M - ind(li));
    if (ranges.length === 0) {
      out.push({ runs: [], width: 0, justified: false });
      continue;
    }
    for (let li = 0; li < ranges.length; li++) {
      const [a, e] = ranges[li]!;
      const last = li === ranges.length - 1;
      out.push(setRange(p, a, e, M - ind(li), justify && !last, fontSize, ind(li)));
    }
  }
  return out;
}

/** The characters of a set line. */
export function lineText(line: SetLine): string {
  let s = '';
  for (const r of line.runs) s += r.text;
  return s;
}
