/**
 * Japanese line breaking and justification (JLReq / JIS X 4051), pure and synchronous.
 *
 * Model (all internal lengths in em, output in pt):
 * - Text is split into clusters (a base character plus combining marks / variation selectors).
 * - Between two clusters there is a break level: HARD (kinsoku: never, except when a single
 *   unbreakable stretch is wider than the measure), GLUE (Western word, number with its
 *   unit / prefix / separators, circled number with what follows: only as a last resort),
 *   or OK.
 * - Full-width punctuation has compressible blanks (「 half before; 」、。）， half after;
 *   ・：； a quarter each side). Consecutive punctuation is always compressed (」「, 。」,
 *   「（ ...). A quarter em separates Japanese letters from Western letters/digits.
 * - Lines are filled greedily. When a line overflows at a place where no break is allowed,
 *   the choice is push-in (keep the unit, compress blanks: line-end blank first, then all
 *   mid-line blanks by one ratio, then a line-start bracket) or push-out (break at the
 *   previous allowed place and spread); the one that distorts less per place wins, and
 *   push-in wins when push-out would spread more than SAFE_SPREAD.
 * - A justified line spreads what is left evenly over every gap between characters
 *   except inside Western words. If that would exceed SAFE_SPREAD per gap (text
 *   extractors — pdfjs at 0.102 em, pdftotext at 0.1 em — start to insert fake spaces),
 *   the excess first widens quarter-em gaps and Western word spaces (up to +¼ em each,
 *   JLReq's expansion priority), then everything evenly again.
 */
import {
  CL,
  type CharClass,
  blanks,
  charClass,
  isDigit,
  isExtender,
  isJapaneseLetter,
  isWesternLetter,
  isWesternWord,
  noLineEnd,
  noLineStart,
} from './classes.js';
import type { FontMetrics } from './metrics.js';

/** A stretch of one line drawn as one text-showing operation. */
export interface LineRun {
  text: string;
  /** Draw with the OpenType `hwid` feature (compressed punctuation only). */
  hwid: boolean;
  /** pt between consecutive characters of this run (PDF character spacing). */
  spacing: number;
  /** pt from the end of the previous run's last advance (or the line start) to this run's first glyph origin. May be negative. */
  gapBefore: number;
}
export interface SetLine {
  runs: LineRun[];
  /** pt from the line start to the end of the last run's advance (includes indent). */
  width: number;
  /** The line was stretched or compressed to end at the measure. */
  justified: boolean;
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
}

/** Largest spread (em) between two Japanese characters that text extractors still read as no space. */
export const SAFE_SPREAD = 0.095;
/** pt kept free at the end of a justified line: pdfmake's fit test has no tolerance. */
export const FIT_EPSILON_PT = 0.01;

const HARD = 0;
const GLUE = 1;
const OK = 2;

/** A paragraph segment analysed once; lines are ranges of clusters. */
export interface Prepared {
  n: number;
  text: string[];
  cps: number[];
  cls: CharClass[];
  adv: Float64Array;
  bb: Float64Array;
  ba: Float64Array;
  hwidOk: Uint8Array;
  space: Uint8Array;
  /** brk[k]: level of a break before cluster k (k >= 1). */
  brk: Uint8Array;
  /** mandatory reduction of i's after-blank because of cluster i+1 */
  pcA: Float64Array;
  /** mandatory reduction of i's before-blank because of cluster i-1 */
  pcB: Float64Array;
  /** quarter em between i and i+1 */
  q: Float64Array;
  expand: Uint8Array;
  spaceLike: Uint8Array;
  PA: Float64Array;
  PR: Float64Array;
  PQ: Float64Array;
  PRB: Float64Array;
  PRA: Float64Array;
  PG: Int32Array;
  PS: Int32Array;
  /** trim[e]: e without trailing spaces */
  trim: Int32Array;
}

const UNITS_AFTER_NUMBER = [
  '年度', '千円', '万円', '億円', '兆円', '千人', '万人', 'か所', 'カ所', 'ヵ所', 'ヶ所', 'ケ所', '箇所',
  'か月', 'カ月', 'ヵ月', 'ヶ月', 'ケ月', 'か国', 'カ国', 'ヵ国', 'ヶ国', 'か年', 'カ年',
  'キログラム', 'キロメートル', 'キロ', 'グラム', 'メートル', 'センチ', 'ミリ', 'リットル', 'ヘクタール',
  'パーセント', 'ポイント', 'ページ', 'トン', 'ドル', 'ユーロ',
].sort((x, y) => y.length - x.length);
const UNIT_SYMBOLS = new Set([...'%％‰℃°㎡㎞㎏㎝㎜㎖㎗㎘㍉㌔㌢㍍㌘㌧㌃㌶㍑㍗㌦㌣㌫㍊㌻′″'].map((c) => c.codePointAt(0)!));
const NUMBER_PREFIXES = [
  '約', '第', '計', '全', '各', '毎', '延べ', '総', '令和', '平成', '昭和', '西暦', '¥', '￥', '$', '＄', '€', '£', '#',
  '＃', '№', '＋', '－', '−', '±',
].sort((x, y) => y.length - x.length);
const NUMBER_SEPARATORS = new Set([...',.・，．:･'].map((c) => c.codePointAt(0)!));
const MAGNITUDE = new Set([...'千万億兆'].map((c) => c.codePointAt(0)!));

function matchAt(text: string[], i: number, word: string): number {
  // returns the number of clusters of `word` if text[i..] starts with it, else 0
  let k = 0;
  let j = i;
  while (k < word.length) {
    const t = text[j];
    if (t === undefined || !word.startsWith(t, k)) return 0;
    k += t.length;
    j++;
  }
  return j - i;
}
function matchEndingAt(text: string[], end: number, word: string): number {
  // clusters of `word` if text[..end) ends with it
  let k = word.length;
  let j = end;
  while (k > 0) {
    const t = text[j - 1];
    if (t === undefined || !word.endsWith(t, k)) return 0;
    k -= t.length;
    j--;
  }
  return end - j;
}

/** Analyse one segment (no hard line breaks inside). */
export function prepare(segment: string, metrics: FontMetrics): Prepared {
  const text: string[] = [];
  const cps: number[] = [];
  for (const ch of segment) {
    const cp = ch.codePointAt(0)!;
    const last = text.length - 1;
    if (last >= 0 && (isExtender(cp) || (cp >= 0x2e5 && cp <= 0x2e9 && cps[last]! >= 0x2e5 && cps[last]! <= 0x2e9))) {
      text[last] += ch;
      continue;
    }
    text.push(ch);
    cps.push(cp);
  }
  const n = text.length;
  const cls: CharClass[] = new Array(n);
  const adv = new Float64Array(n);
  const bb = new Float64Array(n);
  const ba = new Float64Array(n);
  const hwidOk = new Uint8Array(n);
  const space = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = text[i]!;
    const cp = cps[i]!;
    const c = charClass(cp);
    cls[i] = c;
    const single = t.length === 1 || (t.length === 2 && cp > 0xffff);
    const a = single ? metrics.advance(cp) : metrics.width(t);
    adv[i] = a;
    const b = blanks(c, a);
    bb[i] = b.before;
    ba[i] = b.after;
    if (
      single &&
      b.before + b.after > 0 &&
      Math.abs(metrics.advance(cp, 'hwid') - (a - b.before - b.after)) < 1e-6 &&
      metrics.hwidKeepsText(cp)
    )
      hwidOk[i] = 1;
    if (c === CL.SPACE) space[i] = 1;
  }

  // ---- break levels
  const brk = new Uint8Array(n).fill(OK);
  const lower = (k: number, level: number): void => {
    if (k > 0 && k < n && brk[k]! > level) brk[k] = level;
  };
  for (let k = 1; k < n; k++) {
    const p = cls[k - 1]!;
    const c = cls[k]!;
    if (space[k]) lower(k, GLUE); // break after spaces, not before
    if (isWesternWord(p, cps[k - 1]!) && isWesternWord(c, cps[k]!)) lower(k, GLUE);
    if ((p === CL.FW_LATIN || p === CL.FW_DIGIT) && (c === CL.FW_LATIN || c === CL.FW_DIGIT)) lower(k, GLUE);
    if (p === CL.CIRCLED && !space[k]) lower(k, GLUE);
    if (noLineStart(c) || noLineEnd(p) || (p === CL.INSEPARABLE && c === CL.INSEPARABLE)) lower(k, HARD);
  }
  // numbers: digit runs with separators, unit after, prefix before
  for (let i = 0; i < n; i++) {
    if (!isDigit(cls[i]!)) continue;
    const start = i;
    let j = i + 1;
    for (;;) {
      if (j < n && isDigit(cls[j]!)) {
        lower(j, GLUE);
        j++;
      } else if (j + 1 < n && NUMBER_SEPARATORS.has(cps[j]!) && isDigit(cls[j + 1]!)) {
        lower(j, GLUE);
        lower(j + 1, GLUE);
        j += 2;
      } else break;
    }
    // unit
    let unit = 0;
    for (const u of UNITS_AFTER_NUMBER) {
      unit = matchAt(text, j, u);
      if (unit) break;
    }
    if (!unit && j < n && (cls[j] === CL.IDEOGRAPH || UNIT_SYMBOLS.has(cps[j]!))) {
      unit = 1;
      if (MAGNITUDE.has(cps[j]!) && j + 1 < n && cls[j + 1] === CL.IDEOGRAPH) unit = 2;
    }
    for (let k = j; k < j + unit; k++) lower(k, GLUE);
    // prefix
    for (const pre of NUMBER_PREFIXES) {
      const m = matchEndingAt(text, start, pre);
      if (m) {
        for (let k = start - m + 1; k <= start; k++) lower(k, GLUE);
        break;
      }
    }
    i = j - 1;
  }

  // ---- pairs: mandatory compression of consecutive punctuation, quarter em, expandability
  const pcA = new Float64Array(n);
  const pcB = new Float64Array(n);
  const q = new Float64Array(n);
  const expand = new Uint8Array(n);
  const spaceLike = new Uint8Array(n);
  const closingish = (c: CharClass): boolean => c === CL.CLOSING || c === CL.FULL_STOP || c === CL.COMMA;
  for (let i = 0; i + 1 < n; i++) {
    const A = cls[i]!;
    const B = cls[i + 1]!;
    if (ba[i]! > 0 && (bb[i + 1]! > 0 || closingish(B))) {
      if (B === CL.MIDDLE_DOT) pcA[i] = ba[i]!;
      else if (A === CL.MIDDLE_DOT) pcB[i + 1] = bb[i + 1]!;
      else pcA[i] = ba[i]!;
    } else if (A === CL.OPENING && bb[i + 1]! > 0) {
      pcB[i + 1] = bb[i + 1]!;
    }
    if ((isJapaneseLetter(A) && isWesternLetter(B)) || (isWesternLetter(A) && isJapaneseLetter(B))) q[i] = 0.25;
    const wordInside = isWesternWord(A, cps[i]!) && isWesternWord(B, cps[i + 1]!);
    if (!wordInside) expand[i] = 1;
    if (q[i]! > 0 || space[i] || space[i + 1]) spaceLike[i] = 1;
  }

  // ---- prefix sums
  const PA = new Float64Array(n + 1);
  const PR = new Float64Array(n + 1);
  const PQ = new Float64Array(n + 1);
  const PRB = new Float64Array(n + 1);
  const PRA = new Float64Array(n + 1);
  const PG = new Int32Array(n + 1);
  const PS = new Int32Array(n + 1);
  const trim = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    PA[i + 1] = PA[i]! + adv[i]!;
    PR[i + 1] = PR[i]! + pcA[i]! + (i + 1 < n ? pcB[i + 1]! : 0);
    PQ[i + 1] = PQ[i]! + q[i]!;
    PRB[i + 1] = PRB[i]! + bb[i]! - pcB[i]!;
    PRA[i + 1] = PRA[i]! + ba[i]! - pcA[i]!;
    PG[i + 1] = PG[i]! + expand[i]!;
    PS[i + 1] = PS[i]! + spaceLike[i]!;
  }
  for (let e = 0; e <= n; e++) trim[e] = e > 0 && space[e - 1] ? trim[e - 1]! : e;
  return { n, text, cps, cls, adv, bb, ba, hwidOk, space, brk, pcA, pcB, q, expand, spaceLike, PA, PR, PQ, PRB, PRA, PG, PS, trim };
}

/** Natural width (em) of clusters [a, e) after trimming trailing spaces. */
export function naturalWidth(p: Prepared, a: number, e: number): number {
  const t = p.trim[e]!;
  if (t <= a) return 0;
  return p.PA[t]! - p.PA[a]! - (p.PR[t - 1]! - p.PR[a]!) + (p.PQ[t - 1]! - p.PQ[a]!);
}
function endResource(p: Prepared, last: number): number {
  return p.bb[last] === 0 && p.ba[last]! > 0 && p.hwidOk[last] ? p.ba[last]! : 0;
}
function startResource(p: Prepared, first: number): number {
  return p.ba[first] === 0 && p.bb[first]! > 0 && p.hwidOk[first] ? p.bb[first]! : 0;
}
function midResource(p: Prepared, a: number, t: number): number {
  if (t - a < 2) return 0;
  return p.PRB[t]! - p.PRB[a + 1]! + (p.PRA[t - 1]! - p.PRA[a]!);
}
function gaps(p: Prepared, a: number, t: number): number {
  return t - a < 2 ? 0 : p.PG[t - 1]! - p.PG[a]!;
}

/**
 * Choose line ranges [start, end) over a prepared segment. `avail(lineIndex)` gives the
 * em available for that line.
 */
export function chooseBreaks(p: Prepared, avail: (line: number) => number): Array<[number, number]> {
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
  const cb = new Float64Array(t - a);
  const ca = new Float64Array(t - a);
  for (let i = a; i < t; i++) {
    if (i > a) cb[i - a] = p.pcB[i]!;
    if (i < t - 1) ca[i - a] = p.pcA[i]!;
  }
  let W = naturalWidth(p, a, e);
  const target = M - FIT_EPSILON_PT / fontSize;
  let compressed = false;
  if (W > M + 1e-9) {
    // push-in: compress blanks, line end first, then mid-line by one ratio, then line start
    compressed = true;
    let over = W - target;
    const endR = endResource(p, t - 1);
    if (endR > 0) {
      ca[t - 1 - a] = endR;
      over -= endR;
    }
    if (over > 0) {
      const midR = midResource(p, a, t);
      if (midR > 0) {
        const r = Math.min(1, over / midR);
        for (let i = a; i < t; i++) {
          if (i > a) cb[i - a]! += r * (p.bb[i]! - p.pcB[i]!);
          if (i < t - 1) ca[i - a]! += r * (p.ba[i]! - p.pcA[i]!);
        }
        over -= r * midR;
      }
    }
    if (over > 1e-12) {
      const startR = startResource(p, a);
      if (startR > 0) {
        cb[0] = startR;
        over -= startR;
      }
    }
    W = target + over;
  }
  // spread (a hair negative when the natural line ends within FIT_EPSILON of the measure)
  let s = 0;
  let extra = 0;
  const G = gaps(p, a, t);
  const left = target - W;
  let justified = false;
  if (G > 0 && (left < 0 || (justify && left > 0))) {
    justified = justify || compressed;
    s = left / G;
    if (s > SAFE_SPREAD) {
      const Q = t - a < 2 ? 0 : p.PS[t - 1]! - p.PS[a]!;
      if (Q > 0) {
        s = SAFE_SPREAD;
        extra = Math.min(0.25, (left - s * G) / Q);
        const rest = left - s * G - extra * Q;
        if (rest > 0) s += rest / G;
      }
    }
  } else if (compressed && Math.abs(left) < 1e-9) justified = true;
  // positions: origin and drawn advance of every cluster
  const m = t - a;
  const origin = new Float64Array(m);
  const drawn = new Float64Array(m);
  const hw = new Uint8Array(m);
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
  const runs: LineRun[] = [];
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
  return { runs, width, justified };
}

/** Split on hard line breaks, break and set every segment. */
export function breakParagraph(text: string, opts: BreakOptions): SetLine[] {
  const { metrics, fontSize, measure, justify } = opts;
  const indent = opts.indent ?? 0;
  const M = measure / fontSize;
  const out: SetLine[] = [];
  const segments = text.replace(/\r\n?/g, '\n').split('\n');
  for (let si = 0; si < segments.length; si++) {
    const p = prepare(segments[si]!, metrics);
    const ind = (li: number): number => (si === 0 && li === 0 ? indent : 0);
    const ranges = chooseBreaks(p, (li) => M - ind(li));
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
