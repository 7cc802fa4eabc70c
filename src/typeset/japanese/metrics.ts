import { createRequire } from 'node:module';

/**
 * The part of a fontkit Font that metrics need (fontkit ships no types; this keeps
 * the module free of an ambient `declare module 'fontkit'`).
 */
export interface FontLike {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: string[]): { advanceWidth: number };
}

/** Advances in em (1 = font size). Exact for fonts without GPOS, such as BIZ UD. */
export interface FontMetrics {
  /** Advance of one code point, shaped alone; `'hwid'` gives the half-width form. */
  advance(codePoint: number, features?: 'hwid'): number;
  /** Advance of a short string shaped as a whole (a cluster with combining marks). */
  width(text: string, features?: 'hwid'): number;
  /** Whether the font has a glyph for the code point (missing ones draw nothing useful). */
  has(codePoint: number): boolean;
}

const HWID = ['hwid'];

/** Metrics cached per code point (and per cluster string). */
export function fontMetrics(font: FontLike): FontMetrics {
  const upm = font.unitsPerEm;
  const plain = new Map<number, number>();
  const half = new Map<number, number>();
  const strings = new Map<string, number>();
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
  };
}

const require = createRequire(import.meta.url);

/** Opens a font file with fontkit and returns its metrics. */
export function openFontMetrics(path: string): FontMetrics {
  const fontkit = require('fontkit') as { openSync(p: string): FontLike };
  return fontMetrics(fontkit.openSync(path));
}
