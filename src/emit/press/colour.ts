// RGB → CMYK for the print PDF. Theme colours map exactly to their CMYK twins; anything
// else goes through the naive formula, which keeps neutral greys on the K plate only.
// Each colour also has a fine form for small text and thin rules: at most two plates.

export type Cmyk = readonly [number, number, number, number];

export interface ColourPairLike {
  readonly rgb: string;
  readonly cmyk: readonly [number, number, number, number];
  /** percent, at most two plates: the colour for small text and thin rules */
  readonly fine?: readonly [number, number, number, number] | undefined;
}

/** A colour as printed: its CMYK and the form small text and thin rules use. */
export interface PressColour {
  readonly cmyk: Cmyk;
  readonly fine: Cmyk;
}

/** How many plates carry ink. */
export const plates = (c: Cmyk): number => c.filter((v) => v > 1e-9).length;

/** K 100 and nothing else: the colour that overprints. */
export const isBlack = (c: Cmyk): boolean => c[0] <= 1e-9 && c[1] <= 1e-9 && c[2] <= 1e-9 && c[3] >= 1 - 1e-9;

/**
 * The fine form when none is given: the colour itself on at most two plates, else a K
 * tint as dark as the colour (Rec. 601 luma of its RGB).
 */
export function fineOf(cmyk: Cmyk, r: number, g: number, b: number): Cmyk {
  if (plates(cmyk) <= 2) return cmyk;
  const k = Math.round((1 - (0.299 * r + 0.587 * g + 0.114 * b)) * 100) / 100;
  return [0, 0, 0, Math.min(1, Math.max(0, k))];
}

/** Key of an 8-bit RGB triple: '#rrggbb' in lower case. */
function hexKey(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

const percentages = (rgb: string, what: string, c: readonly number[]): Cmyk => {
  if (c.length !== 4 || c.some((v) => !Number.isFinite(v) || v < 0 || v > 100)) {
    throw new RangeError(`press: ${what} of ${rgb} must be four percentages 0–100`);
  }
  return [c[0]! / 100, c[1]! / 100, c[2]! / 100, c[3]! / 100];
};

/** Builds the exact theme map, keyed by '#rrggbb'; CMYK in 0–1. Throws on bad or contradicting pairs. */
export function themeMap(colours: readonly ColourPairLike[]): Map<string, PressColour> {
  const map = new Map<string, PressColour>();
  for (const c of colours) {
    if (!/^#[0-9a-fA-F]{6}$/.test(c.rgb)) throw new RangeError(`press: colour ${JSON.stringify(c.rgb)} is not #rrggbb`);
    const key = c.rgb.toLowerCase();
    const cmyk = percentages(c.rgb, 'CMYK', c.cmyk);
    const given = c.fine ? percentages(c.rgb, 'the fine CMYK', c.fine) : undefined;
    if (given && plates(given) > 2) throw new RangeError(`press: the fine CMYK of ${c.rgb} uses more than two plates`);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(key.slice(i, i + 2), 16) / 255) as [number, number, number];
    const colour = { cmyk, fine: given ?? fineOf(cmyk, r, g, b) };
    const prev = map.get(key);
    if (prev && prev.cmyk.some((v, i) => v !== cmyk[i])) throw new RangeError(`press: ${key} is given two different CMYK values`);
    map.set(key, colour);
  }
  return map;
}

/** k = 1 − max(r, g, b); c, m, y relative to (1 − k). Pure black and neutral greys are K only. */
export function naiveCmyk(r: number, g: number, b: number): Cmyk {
  const max = Math.max(r, g, b);
  const k = 1 - max;
  if (max <= 1e-9) return [0, 0, 0, 1];
  return [(max - r) / max, (max - g) / max, (max - b) / max, k];
}

/**
 * One RGB colour (components 0–1, as written in the PDF) to CMYK 0–1. pdfkit writes n/255
 * with JavaScript's shortest round-trip formatting (0.11372549019607843 for 0x1d), so
 * v × 255 is an integer to ~1e-13. The tolerance (0.13 of a step) also accepts numbers
 * printed with three decimals by other writers; the theme map applies to the 8-bit value.
 */
export function pressColour(map: ReadonlyMap<string, PressColour>, r: number, g: number, b: number): PressColour {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const [cr, cg, cb] = [clamp(r), clamp(g), clamp(b)];
  // Pure black is K only, whatever a theme says.
  if (cr === 0 && cg === 0 && cb === 0) return BLACK;
  const bytes = [cr, cg, cb].map((v) => v * 255);
  const rounded = bytes.map((v) => Math.round(v));
  if (bytes.every((v, i) => Math.abs(v - (rounded[i] ?? 0)) < 0.13)) {
    const hit = map.get(hexKey(rounded[0] ?? 0, rounded[1] ?? 0, rounded[2] ?? 0));
    if (hit) return hit;
  }
  const cmyk = naiveCmyk(cr, cg, cb);
  return { cmyk, fine: fineOf(cmyk, cr, cg, cb) };
}

const BLACK: PressColour = { cmyk: [0, 0, 0, 1], fine: [0, 0, 0, 1] };

/** The CMYK of one RGB colour (see pressColour). */
export function rgbToCmyk(map: ReadonlyMap<string, PressColour>, r: number, g: number, b: number): Cmyk {
  return pressColour(map, r, g, b).cmyk;
}

/** PDF number: at most `decimals` (5) decimals, no exponent, no '-0'. */
export function fmt(v: number, decimals = 5): string {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  if (r === 0) return '0';
  if (decimals <= 0) return String(r);
  return r.toFixed(decimals).replace(/0+$/, '').replace(/\.$/, '');
}

export function fmtCmyk(c: Cmyk): string {
  return c.map((v) => fmt(v)).join(' ');
}
