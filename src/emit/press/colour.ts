// RGB → CMYK for the print PDF. Theme colours map exactly to their CMYK twins; anything
// else goes through the naive formula, which keeps neutral greys on the K plate only.

export type Cmyk = readonly [number, number, number, number];

export interface ColourPairLike {
  readonly rgb: string;
  readonly cmyk: readonly [number, number, number, number];
}

/** Key of an 8-bit RGB triple: '#rrggbb' in lower case. */
function hexKey(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** Builds the exact theme map, keyed by '#rrggbb'; CMYK in 0–1. Throws on bad or contradicting pairs. */
export function themeMap(colours: readonly ColourPairLike[]): Map<string, Cmyk> {
  const map = new Map<string, Cmyk>();
  for (const c of colours) {
    if (!/^#[0-9a-fA-F]{6}$/.test(c.rgb)) throw new RangeError(`press: colour ${JSON.stringify(c.rgb)} is not #rrggbb`);
    if (c.cmyk.length !== 4 || c.cmyk.some((v) => !Number.isFinite(v) || v < 0 || v > 100)) {
      throw new RangeError(`press: CMYK of ${c.rgb} must be four percentages 0–100`);
    }
    const key = c.rgb.toLowerCase();
    const cmyk = [c.cmyk[0] / 100, c.cmyk[1] / 100, c.cmyk[2] / 100, c.cmyk[3] / 100] as const;
    const prev = map.get(key);
    if (prev && prev.some((v, i) => v !== cmyk[i])) throw new RangeError(`press: ${key} is given two different CMYK values`);
    map.set(key, cmyk);
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
export function rgbToCmyk(map: ReadonlyMap<string, Cmyk>, r: number, g: number, b: number): Cmyk {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const [cr, cg, cb] = [clamp(r), clamp(g), clamp(b)];
  // Pure black is K only, whatever a theme says.
  if (cr === 0 && cg === 0 && cb === 0) return [0, 0, 0, 1];
  const bytes = [cr, cg, cb].map((v) => v * 255);
  const rounded = bytes.map((v) => Math.round(v));
  if (bytes.every((v, i) => Math.abs(v - (rounded[i] ?? 0)) < 0.13)) {
    const hit = map.get(hexKey(rounded[0] ?? 0, rounded[1] ?? 0, rounded[2] ?? 0));
    if (hit) return hit;
  }
  return naiveCmyk(cr, cg, cb);
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
