/**
 * The part of a fontkit Font that metrics need (fontkit ships no types; this keeps
 * the module free of an ambient `declare module 'fontkit'`). The engine parses the fonts.
 */
export interface FontLike {
  unitsPerEm: number;
  /** Font units above and below (negative) the baseline, as pdfkit reads them (hhea). */
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: string[]): { advanceWidth: number; glyphs: Array<{ id: number }> };
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number };
}

/** Advances in em (1 = font size). Exact for fonts without GPOS, such as BIZ UD. */
export interface FontMetrics {
  /** Advance of one code point, shaped alone; `'hwid'` gives the half-width form. */
  advance(codePoint: number, features?: 'hwid'): number;
  /** Advance of a short string shaped as a whole (a cluster with combining marks). */
  width(text: string, features?: 'hwid'): number;
  /** Whether the font has a glyph for the code point (missing ones draw nothing useful). */
  has(codePoint: number): boolean;
  /**
   * Whether drawing the `hwid` form keeps the text. In BIZ UD the half-width
   * （）［］｛｝，．：；！？ are the ASCII glyphs; pdfkit writes one ToUnicode entry per
   * glyph (first use wins), so drawing them would extract as ( ) , . — or turn later
   * ASCII into full-width. Such marks are compressed by positioning instead.
   * (The half 「」、。・ are the glyphs of ｢｣､｡･, accepted: those rarely occur in text.)
   */
  hwidKeepsText(codePoint: number): boolean;
  /** The height of a line of text at size 1 before its line height applies: pdfkit's lineHeight(1). */
  readonly lineBox: number;
}

const HWID = ['hwid'];
const LAYOUT_ONLY = /[\p{M}\p{Default_Ignorable_Code_Point}]/u;

/** Metrics cached per code point (and per cluster string). */
export function fontMetrics(font: FontLike): FontMetrics {
  const upm = font.unitsPerEm;
  const plain = new Map<number, number>();
  const half = new Map<number, number>();
  const strings = new Map<string, number>();
  const own = new Map<number, boolean>();
  let latinGlyphs: Set<number> | undefined;
  const width = (text: string, features?: 'hwid'): number => {
    const key = features ? '\u0001' + text : text;
    let w = strings.get(key);
    if (w === undefined) {
      w = font.layout(text, features ? HWID : undefined).advanceWidth / upm;
      strings.set(key, w);
    }
    return w;
  };
  return {
    lineBox: (font.ascent - font.descent) / upm,
    advance(cp, features) {
      const cache = features ? half : plain;
      let w = cache.get(cp);
      if (w === undefined) {
        // A lone code point: no GPOS, and the default GSUB features of these fonts (ccmp,
        // liga) only join combining marks, so the cmap glyph's advance is what layout gives
        // (tests/typeset/japanese/metrics.test.ts compares the two); it is 100× cheaper.
        // Marks, default-ignorables and characters missing from the font are zeroed or
        // replaced by layout: ask layout for those.
        const ch = String.fromCodePoint(cp);
        w = (features || LAYOUT_ONLY.test(ch) || !font.hasGlyphForCodePoint(cp) ? font.layout(ch, features ? HWID : undefined).advanceWidth : font.glyphForCodePoint(cp).advanceWidth) / upm;
        cache.set(cp, w);
      }
      return w;
    },
    width,
    has: (cp) => font.hasGlyphForCodePoint(cp),
    hwidKeepsText(cp) {
      let k = own.get(cp);
      if (k === undefined) {
        if (!latinGlyphs) {
          // glyphs of ASCII and Latin-1, the characters Japanese text commonly mixes in.
          // (The half 「」、。・ are also the glyphs of ｢｣､｡･ U+FF61–FF65, accepted: those
          // almost never occur in text.)
          latinGlyphs = new Set();
          for (let c = 0x21; c <= 0xff; c++) if (c < 0x7f || c > 0xa0) latinGlyphs.add(font.glyphForCodePoint(c).id);
        }
        const g = font.layout(String.fromCodePoint(cp), HWID).glyphs;
        k = g.length === 1 && (cp <= 0xff || !latinGlyphs.has(g[0]!.id));
        own.set(cp, k);
      }
      return k;
    },
  };
}
