import { createRequire } from 'node:module';
import { fontMetrics, type FontLike, type FontMetrics } from './japanese/metrics.js';
import { installShapingCache } from './shapingCache.js';
import { installSubsetCache } from './subsetCache.js';
import { fixGlyphCodePoints } from './glyphCodePoints.js';

const require = createRequire(import.meta.url);

export interface ParsedFont {
  hasGlyphForCodePoint(cp: number): boolean;
  readonly characterSet: readonly number[];
}

export interface Fontkit {
  create(buf: Uint8Array, postscriptName?: string): unknown;
}

/** The fontkit module instance pdfkit uses, so a font parsed here is the one it embeds. */
export function pdfkitFontkit(): { fontkit: Fontkit; path: string } {
  const pdfkitPath = require.resolve('pdfkit');
  const path = createRequire(pdfkitPath).resolve('fontkit');
  return { fontkit: require(path) as Fontkit, path };
}

const parsed = new WeakMap<Uint8Array, unknown>();

/** Parses a font file's bytes once per process, whoever asks (pdfkit or our checks). */
export function parseFontOnce(fontkit: Fontkit, buf: Uint8Array): unknown {
  let font = parsed.get(buf);
  if (!font) {
    font = fontkit.create(buf);
    fixGlyphCodePoints(font as Parameters<typeof fixGlyphCodePoints>[0]);
    if (process.env['BOOKLET_NO_SHAPING_CACHE'] !== '1') installShapingCache(font as Parameters<typeof installShapingCache>[0]);
    if (process.env['BOOKLET_NO_SUBSET_CACHE'] !== '1') installSubsetCache(font as Parameters<typeof installSubsetCache>[0]);
    parsed.set(buf, font);
  }
  return font;
}

/** A code point is covered when every given font has a glyph for it. */
export function coverageOf(fontkit: Fontkit, buffers: readonly Uint8Array[]): (cp: number) => boolean {
  const fonts = buffers.map((b) => parseFontOnce(fontkit, b) as ParsedFont);
  const memo = new Map<number, boolean>();
  return (cp) => {
    let ok = memo.get(cp);
    if (ok === undefined) {
      ok = fonts.every((f) => f.hasGlyphForCodePoint(cp));
      memo.set(cp, ok);
    }
    return ok;
  };
}

const metricsCache = new WeakMap<object, FontMetrics>();

/** Line-breaking metrics for a font file, built on the one parse of it. */
export function metricsOf(fontkit: Fontkit, buf: Uint8Array): FontMetrics {
  const font = parseFontOnce(fontkit, buf) as FontLike & object;
  let m = metricsCache.get(font);
  if (!m) metricsCache.set(font, (m = fontMetrics(font)));
  return m;
}
