import { createRequire } from 'node:module';

/**
 * The part of a fontkit Font that metrics need (fontkit ships no types; this keeps
 * the module free of an ambient `declare module 'fontkit'`).
 */
export interface FontLike {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: string[]): { advanceWidth: number; glyphs: Array<{ id: number }> };
  /** Every code point the cmap maps. */
  characterSet: number[];
  glyphForCodePoint(codePoint: number): { id: number };
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
}

const HWID = ['hwid'];

/** Metrics cached per code point (and per cluster string). */
export function fontMetrics(font: FontLike): FontMetrics {
  const upm = font.unitsPerEm;
  const plain = new Map<number, number>();
  const half = new Map<number, number>();
  const strings = new Map<string, number>();
  const own = new Map<number, boolean>();
  let cmapOwner: Map<number, number> | undefined; // glyph id → a code point the cmap maps to it
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
    advance(cp, features) {
      const cache = features ? half : plain;
      let w = cache.get(cp);
      if (w === undefined) {
        w = font.layout(String.fromCodePoint(cp), features ? HWID : undefined).advanceWidth / upm;
        cache.set(cp, w);
      }
      return w;
    },
    width,
    has: (cp) => font.hasGlyphForCodePoint(cp),
    hwidKeepsText(cp) {
      let k = own.get(cp);
      if (k === undefined) {
        if (!cmapOwner) {
          cmapOwner = new Map();
          for (const c of font.characterSet) {
            const id = font.glyphForCodePoint(c).id;
            if (!cmapOwner.has(id)) cmapOwner.set(id, c);
          }
        }
        const g = font.layout(String.fromCodePoint(cp), HWID).glyphs;
        const owner = g.length === 1 ? cmapOwner.get(g[0]!.id) : -1;
        // the half-width katakana-block forms (｢｣､｡･, U+FF61–FF65) are owners of the
        // half 「」、。・ glyphs too, but they almost never occur in text: allowed
        k = owner === undefined || owner === cp || (owner >= 0xff61 && owner <= 0xff9f);
        own.set(cp, k);
      }
      return k;
    },
  };
}

const require = createRequire(import.meta.url);

/** Opens a font file with fontkit and returns its metrics. */
export function openFontMetrics(path: string): FontMetrics {
  const fontkit = require('fontkit') as { openSync(p: string): FontLike };
  return fontMetrics(fontkit.openSync(path));
}
