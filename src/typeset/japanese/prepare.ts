/**
 * A paragraph segment analysed once for line breaking: clusters, their classes and
 * advances, where breaks are allowed, the blanks of punctuation that may be squeezed,
 * and prefix sums so that any line's natural width and resources cost O(1).
 */
import {
  CL,
  type CharClass,
  blanks,
  charClass,
  isDigit,
  isExtender,
  isJapaneseLetter,
  isTrailingMarkOrSpace,
  isWesternLetter,
  isWesternWord,
  noLineEnd,
  noLineStart,
} from './classes.js';
import type { FontMetrics } from './metrics.js';
import { FRESH, type Arrays } from './scratch.js';

/** Break levels between two clusters: never (kinsoku), last resort (inside a word or number), allowed. */
export const HARD = 0;
export const GLUE = 1;
export const OK = 2;

/**
 * Squeeze tiers, in JIS X 4051's order of reduction inside a line: the blanks of middle
 * dots, then those of commas and brackets, then (beyond JIS, as a last resort) those of
 * full stops. Every mark's blanks belong to one tier.
 */
export const TIER_DOTS = 0;
export const TIER_COMMAS = 1;
export const TIER_STOPS = 2;
export const TIERS = 3;
export function tierOf(c: CharClass): number {
  return c === CL.MIDDLE_DOT ? TIER_DOTS : c === CL.FULL_STOP ? TIER_STOPS : TIER_COMMAS;
}

/** A paragraph segment analysed once; lines are ranges of clusters. Arrays may be longer than n (+ 1): only their first n (+ 1) entries belong to it. */
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
  /** Per squeeze tier: prefix sums of the before-blanks and after-blanks left after mandatory compression. */
  TB: Float64Array[];
  TA: Float64Array[];
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

/**
 * One rule for 令和 2 年度 and 令和2年度: ASCII spaces (and tabs) an editor typed between a
 * Japanese letter and a Western letter or digit are dropped, so that the quarter em every
 * such pair gets anyway is the only space there. Otherwise the typed space is a ½ em
 * break opportunity that also unglues a number from its prefix or unit.
 */
function collapseSpacesAtScriptChange(text: string[], cps: number[]): void {
  const typed = (cp: number): boolean => cp === 0x20 || cp === 0x09;
  let w = 0;
  for (let i = 0; i < text.length; ) {
    if (!typed(cps[i]!) || w === 0) {
      text[w] = text[i]!;
      cps[w++] = cps[i++]!;
      continue;
    }
    let j = i;
    while (j < text.length && typed(cps[j]!)) j++;
    const before = charClass(cps[w - 1]!);
    const after = j < text.length ? charClass(cps[j]!) : undefined;
    const drop =
      after !== undefined &&
      ((isJapaneseLetter(before) && isWesternLetter(after)) || (isWesternLetter(before) && isJapaneseLetter(after)));
    for (; i < j; i++) {
      if (drop) continue;
      text[w] = text[i]!;
      cps[w++] = cps[i]!;
    }
  }
  text.length = w;
  cps.length = w;
}

const URL = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%]*[A-Za-z0-9/#=_~-]/g;
const URL_BREAK_AFTER = new Set([...'/.?#&=-_']);

/**
 * A URL is one Western "word" that may be longer than a line: it may break after a
 * slash, dot, question mark, #, &, =, hyphen or underscore (not inside a run of them, so
 * never inside "//", and not within the scheme). Breaking after rather than before keeps
 * "." and "?" off the start of a line, where kinsoku forbids them.
 */
function allowBreaksInUrls(text: string[], brk: Uint8Array): void {
  const joined = text.join('');
  const cluster = new Int32Array(joined.length + 1);
  for (let k = 0, u = 0; k < text.length; u += text[k]!.length, k++) cluster[u] = k;
  for (const m of joined.matchAll(URL)) {
    const host = m.index + m[0].indexOf('//') + 2;
    for (let u = host + 1; u < m.index + m[0].length; u++) {
      if (URL_BREAK_AFTER.has(joined[u - 1]!) && !URL_BREAK_AFTER.has(joined[u]!)) brk[cluster[u]!] = OK;
    }
  }
}

/**
 * Analyse one segment (no hard line breaks inside). The typed arrays come from `arrays`:
 * fresh by default; a Scratch's when the caller is done with this analysis before it
 * prepares the next.
 */
export function prepare(segment: string, metrics: FontMetrics, arrays: Arrays = FRESH): Prepared {
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
  if (segment.includes(' ') || segment.includes('\t')) collapseSpacesAtScriptChange(text, cps);
  const n = text.length;
  const cls: CharClass[] = new Array(n);
  const adv = arrays.f64(n);
  const bb = arrays.f64(n);
  const ba = arrays.f64(n);
  const hwidOk = arrays.u8(n);
  const space = arrays.u8(n);
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
  const brk = arrays.u8(n).fill(OK, 0, n);
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
  if (segment.includes('://')) allowBreaksInUrls(text, brk);

  // ---- pairs: mandatory compression of consecutive punctuation, quarter em, expandability
  const pcA = arrays.f64(n);
  const pcB = arrays.f64(n);
  const q = arrays.f64(n);
  const expand = arrays.u8(n);
  const spaceLike = arrays.u8(n);
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
  const PA = arrays.f64(n + 1);
  const PR = arrays.f64(n + 1);
  const PQ = arrays.f64(n + 1);
  const TB = [arrays.f64(n + 1), arrays.f64(n + 1), arrays.f64(n + 1)];
  const TA = [arrays.f64(n + 1), arrays.f64(n + 1), arrays.f64(n + 1)];
  const PG = arrays.i32(n + 1);
  const PS = arrays.i32(n + 1);
  const trim = arrays.i32(n + 1);
  for (let i = 0; i < n; i++) {
    PA[i + 1] = PA[i]! + adv[i]!;
    PR[i + 1] = PR[i]! + pcA[i]! + (i + 1 < n ? pcB[i + 1]! : 0);
    PQ[i + 1] = PQ[i]! + q[i]!;
    for (let k = 0; k < TIERS; k++) {
      TB[k]![i + 1] = TB[k]![i]!;
      TA[k]![i + 1] = TA[k]![i]!;
    }
    if (bb[i]! + ba[i]! > 0) {
      const tier = tierOf(cls[i]!);
      TB[tier]![i + 1]! += bb[i]! - pcB[i]!;
      TA[tier]![i + 1]! += ba[i]! - pcA[i]!;
    }
    PG[i + 1] = PG[i]! + expand[i]!;
    PS[i + 1] = PS[i]! + spaceLike[i]!;
  }
  for (let e = 0; e <= n; e++) trim[e] = e > 0 && space[e - 1] ? trim[e - 1]! : e;
  return { n, text, cps, cls, adv, bb, ba, hwidOk, space, brk, pcA, pcB, q, expand, spaceLike, PA, PR, PQ, TB, TA, PG, PS, trim };
}

/** Natural width (em) of clusters [a, e) after trimming trailing spaces. */
export function naturalWidth(p: Prepared, a: number, e: number): number {
  const t = p.trim[e]!;
  if (t <= a) return 0;
  return p.PA[t]! - p.PA[a]! - (p.PR[t - 1]! - p.PR[a]!) + (p.PQ[t - 1]! - p.PQ[a]!);
}

/** Clusters of [a, e) that are not punctuation or spaces: how much text a line really holds. */
export function letterCount(p: Prepared, a: number, e: number): number {
  let c = 0;
  for (let i = a; i < p.trim[e]!; i++) if (!isTrailingMarkOrSpace(p.cls[i]!)) c++;
  return c;
}
