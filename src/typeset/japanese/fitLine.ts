/**
 * How one line [a, e) is adjusted to its measure: the single place that decides, so that
 * the paragraph optimiser scores exactly what setRange then draws.
 *
 * A line wider than the measure is squeezed in JLReq / JIS X 4051's order: the blank
 * after the last mark on the line (、。」 drawn half width), then the mid-line blanks of
 * middle dots, of commas and brackets, of full stops (each tier by one ratio over the
 * line, so equal marks stay equal), then a line-start opening bracket. A line narrower
 * than the measure is spread evenly over every gap between characters (not inside
 * Western words); past SAFE_SPREAD per gap, quarter-em gaps and word spaces take up to
 * ¼ em more each before the letters spread further.
 */
import { TIER_COMMAS, TIER_DOTS, TIER_STOPS, type Prepared, naturalWidth } from './prepare.js';

/** Largest spread (em) between two Japanese characters that text extractors still read as no space. */
export const SAFE_SPREAD = 0.095;

export interface LineFit {
  /** Natural width in em: mandatory compression and quarter ems included, nothing adjusted. */
  readonly natural: number;
  /** The natural width exceeds the measure: blanks were squeezed. */
  readonly squeezed: boolean;
  /** em taken from the last mark's trailing blank: 0 or all of it. */
  readonly end: number;
  /** Share (0–1) of the mid-line blanks taken from middle dots, from commas and brackets, from full stops. */
  readonly dots: number;
  readonly commas: number;
  readonly stops: number;
  /** em taken from a line-start opening bracket's blank. */
  readonly start: number;
  /** em of blanks squeezed in all: end + mid-line tiers + start. */
  readonly squeeze: number;
  /** em between the width after squeezing and the target (negative: over it). */
  readonly slack: number;
  /** Gaps between characters that take the even spread. */
  readonly gaps: number;
  /** em added at every such gap (a hair negative when a line ends within FIT_EPSILON of the measure). */
  readonly spread: number;
  /** em added at each quarter-em gap and word space beyond the even spread. */
  readonly extra: number;
  /** Gaps that take `extra`. */
  readonly spaceLike: number;
  /** The line ends at the target (spread or squeezed). */
  readonly justified: boolean;
  /** em still over the target with every blank squeezed: > 0 means the line does not fit. */
  readonly overflow: number;
}

export function endResource(p: Prepared, last: number): number {
  return p.bb[last] === 0 && p.ba[last]! > 0 && p.hwidOk[last] ? p.ba[last]! : 0;
}
export function startResource(p: Prepared, first: number): number {
  return p.ba[first] === 0 && p.bb[first]! > 0 && p.hwidOk[first] ? p.bb[first]! : 0;
}
/** Mid-line blanks of one tier in clusters [a, t): not the first's before nor the last's after. */
export function tierResource(p: Prepared, tier: number, a: number, t: number): number {
  if (t - a < 2) return 0;
  return p.TB[tier]![t]! - p.TB[tier]![a + 1]! + (p.TA[tier]![t - 1]! - p.TA[tier]![a]!);
}
/** The share of a tier's blanks a fitted line takes. */
export function tierRatio(f: LineFit, tier: number): number {
  return tier === TIER_DOTS ? f.dots : tier === TIER_COMMAS ? f.commas : f.stops;
}
export function midResource(p: Prepared, a: number, t: number): number {
  return tierResource(p, TIER_DOTS, a, t) + tierResource(p, TIER_COMMAS, a, t) + tierResource(p, TIER_STOPS, a, t);
}
export function gaps(p: Prepared, a: number, t: number): number {
  return t - a < 2 ? 0 : p.PG[t - 1]! - p.PG[a]!;
}
/** Quarter-em gaps and word spaces in clusters [a, t). */
export function spaceLikeGaps(p: Prepared, a: number, t: number): number {
  return t - a < 2 ? 0 : p.PS[t - 1]! - p.PS[a]!;
}
/**
 * em added at each of `Q` quarter-em gaps and word spaces when `slack` is spread over
 * `G` gaps: nothing while the even spread stays within SAFE_SPREAD, then up to ¼ em each
 * (the letters take the rest).
 */
export function extraPerSpace(slack: number, G: number, Q: number): number {
  if (Q === 0 || slack <= SAFE_SPREAD * G) return 0;
  return Math.min(0.25, (slack - SAFE_SPREAD * G) / Q);
}

/** Whether clusters [a, e) fit `measure` em, squeezed as far as fitLine would go. */
export function fits(p: Prepared, a: number, e: number, natural: number, measure: number): boolean {
  if (natural <= measure + 1e-9) return true;
  const t = p.trim[e]!;
  return natural - endResource(p, t - 1) - midResource(p, a, t) - startResource(p, a) <= measure + 1e-9;
}

/**
 * Adjust clusters [a, e) (trailing spaces dropped) to `measure` em. A line whose natural
 * width is within the measure but past `target` (the measure less pdfmake's fit
 * tolerance) is not squeezed: its spread turns a hair negative instead.
 */
export function fitLine(p: Prepared, a: number, e: number, measure: number, target: number, justify: boolean): LineFit {
  const t = p.trim[e]!;
  const natural = naturalWidth(p, a, e);
  let dots = 0;
  let commas = 0;
  let stops = 0;
  let end = 0;
  let start = 0;
  let squeeze = 0;
  let width = natural;
  let overflow = 0;
  const squeezed = natural > measure + 1e-9;
  if (squeezed) {
    let over = natural - target;
    end = endResource(p, t - 1);
    over -= end;
    const take = (tier: number): number => {
      const R = over > 0 ? tierResource(p, tier, a, t) : 0;
      if (R <= 0) return 0;
      const r = Math.min(1, over / R);
      over -= r * R;
      squeeze += r * R;
      return r;
    };
    dots = take(TIER_DOTS);
    commas = take(TIER_COMMAS);
    stops = take(TIER_STOPS);
    if (over > 1e-12) {
      start = startResource(p, a);
      over -= start;
    }
    squeeze += end + start;
    width = target + over;
    // within the measure is enough: the hair between target and measure is spread away
    overflow = Math.max(0, over - (measure - target));
  }
  const G = gaps(p, a, t);
  const slack = target - width;
  let spread = 0;
  let extra = 0;
  let spaceLike = 0;
  let justified = false;
  if (G > 0 && (slack < 0 || (justify && slack > 0))) {
    justified = justify || squeezed;
    spaceLike = spaceLikeGaps(p, a, t);
    extra = extraPerSpace(slack, G, spaceLike);
    spread = (slack - extra * spaceLike) / G;
  } else if (squeezed && Math.abs(slack) < 1e-9) justified = true;
  return { natural, squeezed, end, dots, commas, stops, start, squeeze, slack, gaps: G, spread, extra, spaceLike, justified, overflow };
}
